"""Object stores (``s3://`` through fsspec/s3fs), served by a moto S3 server on 127.0.0.1: ``load`` and the Dask
ingest read inputs there like a local folder; the Dask ingest writes a dataset there (resumable, equal to
``load``) and ``wb.open``/``duck.connect`` query it like the same dataset in a local folder; what cannot hold a
dataset is refused with the reason."""

from __future__ import annotations

import shutil
import socket
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

import workbench as wb
from tests.scale.test_ingest import SEEDS, assert_same_tables, write_mixed_corpus
from workbench.errors import WorkbenchError

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a test dependency (pip install -e .[test])")
s3fs = pytest.importorskip("s3fs", reason="s3fs is a dependency of the scale extra")
distributed = pytest.importorskip("distributed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def bucket(tmp_path, monkeypatch):
    """A moto S3 server with bucket ``news`` holding the seed folder, a CSV of two articles, a sidecar and a
    hidden file; environment set so that this process and worker processes started now reach it."""
    import fsspec

    port = _free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "FSSPEC_S3_ENDPOINT_URL": endpoint,  # read by fsspec when a worker process imports it
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setitem(fsspec.config.conf, "s3", {"endpoint_url": endpoint})
    s3fs.S3FileSystem.clear_instance_cache()
    local = tmp_path / "local"
    shutil.copytree(SEEDS, local)
    (local / "wire.csv").write_text(
        'title,text,date\nWheat up,"Wheat prices rose in Kansas on Monday, traders said.",1987-03-02\n'
        'Talks,"Pakistan and Afghanistan met in Doha on Tuesday, officials said.",2025-10-20\n',
        encoding="utf-8",
    )
    (local / ".hidden.txt").write_text("not an input")
    (local / "index.csv").write_text("file,outlet\nwire.csv,Wire\n")
    fs = s3fs.S3FileSystem(endpoint_url=endpoint)
    fs.mkdir("news")
    fs.put(str(local) + "/", "news/in/", recursive=True)
    sidecars = [p for p in local.iterdir() if p.name in ("index.csv", "metadata.csv")]
    for p in sidecars:  # the local twin without sidecars, which are not applied remotely
        p.unlink()
    yield {"url": "s3://news/in", "local": local, "fs": fs, "sidecars": len(sidecars)}
    s3fs.S3FileSystem.clear_instance_cache()
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10)
    server.stop()


@pytest.fixture
def cluster(bucket):
    """A LocalCluster of 2 worker processes started after ``bucket``, so that the workers see its endpoint."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def _content(corpus: wb.Corpus):
    cols = ["article_id", "title", "text", "published", "duplicate_of"]
    return corpus.articles[cols].sort_values("article_id").reset_index(drop=True)


def test_load_reads_an_s3_folder_like_a_local_one(bucket):
    remote = wb.load(bucket["url"], cache_dir=False)
    local = wb.load(bucket["local"], cache_dir=False)
    assert len(remote.articles) == len(local.articles) >= 3
    assert _content(remote).equals(_content(local))
    assert all(s.startswith("s3://news/in/") for s in remote.articles["source"])
    report = remote.report.set_index("source")
    assert report.loc["s3://news/in/index.csv", "status"] == "skipped"
    assert "--metadata" in report.loc["s3://news/in/index.csv", "reason"]
    assert not any(".hidden" in s for s in remote.report["source"])
    # every input is accounted for: each remote file has a row
    assert len(remote.report) == len(local.report) + bucket["sidecars"]
    missing = wb.load("s3://news/nothing-here", cache_dir=False).report
    assert list(missing["status"]) == ["failed"] and "does not exist" in missing["reason"].iloc[0]


def test_dask_ingest_of_an_s3_folder_equals_load(bucket, cluster, tmp_path):
    from workbench.scale.ingest import ingest_dask

    summary = ingest_dask([bucket["url"]], tmp_path / "out", cluster=cluster, partition_size=1)
    assert summary.partitions >= 2
    assert_same_tables(wb.load(bucket["url"], cache_dir=False), tmp_path / "out")
    # a changed object is seen through its ETag: its partition is recomputed, the others are skipped
    bucket["fs"].pipe(
        "news/in/wire.csv",
        b'title,text,date\nWheat down,"Wheat prices fell in Kansas.",1987-03-02\n'
        b'Talks,"Pakistan and Afghanistan met in Doha on Tuesday, officials said.",2025-10-20\n',
    )
    s3fs.S3FileSystem.clear_instance_cache()
    again = ingest_dask([bucket["url"]], tmp_path / "out", cluster=cluster, partition_size=1)
    assert 0 < len(again.computed) < again.partitions
    assert_same_tables(wb.load(bucket["url"], cache_dir=False), tmp_path / "out")


def _objects(fs, prefix: str) -> list[str]:
    fs.invalidate_cache()
    return sorted(key.removeprefix(prefix) for key in fs.find(prefix))


def test_dask_ingest_into_an_s3_prefix_equals_load_and_resumes(bucket, cluster, tmp_path, monkeypatch):
    """The dataset and its work files are written under the prefix by the workers (nothing on the local disk),
    equal to ``load``; a re-run recomputes nothing; a changed input recomputes its partition and leaves no
    object of the old one."""
    from workbench.scale.ingest import ingest_dask

    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)  # a URL mistaken for a path would make a folder "s3:" here
    src = write_mixed_corpus(tmp_path / "in")
    out = "s3://news/out"
    summary = ingest_dask([src], out, cluster=cluster, partition_size=3)
    assert summary.out == out and summary.partitions >= 3
    assert_same_tables(wb.load(src, cache_dir=False), out)
    objects = _objects(bucket["fs"], "news/out/")
    for table in ("articles", "sentences", "tokens", "timexes", "mentions"):
        assert sum(o.startswith(f"{table}/part-") for o in objects) == summary.partitions
    for work in ("_work/read/", "_work/shingles/", "_work/mentions/"):
        assert any(o.startswith(work) for o in objects), work
    assert not any("/." in "/" + o or "actor-pass" in o for o in objects)  # no temporary or shared files left
    assert not list(here.iterdir())

    again = ingest_dask([src], out, cluster=cluster, partition_size=3)
    assert again.computed == [] and len(again.skipped) == summary.partitions
    assert _objects(bucket["fs"], "news/out/") == objects

    (src / "table.csv").write_text('title,text,date\nOnly,"Only one row now in Lahore.",2025-10-21\n')
    changed = ingest_dask([src], out, cluster=cluster, partition_size=3)
    assert 0 < len(changed.computed) < changed.partitions
    assert_same_tables(wb.load(src, cache_dir=False), out)
    after = _objects(bucket["fs"], "news/out/")
    assert sum(o.startswith("articles/part-") for o in after) == changed.partitions
    assert len(after) == len(objects)  # the old partition's files were replaced, not added to


def test_dataset_in_s3_opens_like_the_same_dataset_on_disk(bucket, cluster, tmp_path):
    """``wb.open`` and ``duck.connect`` of an ``s3://`` dataset answer like the same dataset in a local folder:
    summary, tables, actor trends, KWIC and a selection, DuckDB reading through the fsspec filesystem."""
    from workbench import dataset as duck
    from workbench.scale.ingest import ingest_dask

    src = write_mixed_corpus(tmp_path / "in")
    ingest_dask([src], "s3://news/ds", cluster=cluster, partition_size=3)
    ingest_dask([src], tmp_path / "ds", cluster=cluster, partition_size=3)
    remote, local = wb.open("s3://news/ds/"), wb.open(tmp_path / "ds")
    assert remote.dataset == "s3://news/ds" and duck.is_dataset("s3://news/ds")
    assert remote.summary() == local.summary()
    by = ["period", "actor_id"]
    for freq in ("D", "M"):
        pd.testing.assert_frame_equal(
            remote.actor_trends(freq=freq).sort_values(by).reset_index(drop=True),
            local.actor_trends(freq=freq).sort_values(by).reset_index(drop=True),
        )
    for query in ("Istanbul", "negotiat*"):
        hits = remote.kwic(query)
        assert len(hits) > 0
        pd.testing.assert_frame_equal(hits, local.kwic(query))
    pd.testing.assert_frame_equal(remote.actors, local.actors)
    pd.testing.assert_frame_equal(remote.catalog, local.catalog)
    week = dict(start="2025-10-20", end="2025-10-26")
    pd.testing.assert_frame_equal(remote.select(**week).articles, local.select(**week).articles)
    con = duck.connect("s3://news/ds", words="Istanbul")
    assert con.files("tokens") and all(f.startswith("s3://news/ds/tokens/part-") for f in con.files("tokens"))
    assert con.article_ids() == duck.connect(tmp_path / "ds", words="Istanbul").article_ids()


def test_what_cannot_hold_a_dataset_is_refused_with_the_reason(bucket, tmp_path):
    from workbench.scale.ingest import ingest_dask, read_table

    with pytest.raises(WorkbenchError, match="nosuchfs://bucket/out: cannot open this URL"):
        ingest_dask([tmp_path], "nosuchfs://bucket/out")
    with pytest.raises(WorkbenchError, match="web address cannot be listed or written"):
        ingest_dask([tmp_path], "https://example.org/out")
    with pytest.raises(WorkbenchError, match="s3://no-bucket/out: cannot write here .*check that the bucket exists"):
        ingest_dask([tmp_path], "s3://no-bucket/out")
    with pytest.raises(WorkbenchError, match="s3://news/nothing: no dataset here"):
        wb.open("s3://news/nothing")
    with pytest.raises(WorkbenchError, match="s3://no-bucket/x.*: cannot (read|list) it"):
        wb.open("s3://no-bucket/x")
    with pytest.raises(WorkbenchError, match="s3://news/nothing: no dataset here"):
        read_table("s3://news/nothing", "articles")
    assert not Path("s3:").exists()


def test_unknown_protocol_is_a_report_row():
    report = wb.load("nosuchfs://bucket/x", cache_dir=False).report
    assert list(report["status"]) == ["failed"] and "cannot open this URL" in report["reason"].iloc[0]


def test_cli_ingests_from_and_into_an_object_store(bucket, capsys):
    from workbench.cli import main

    assert main(["ingest", bucket["url"], "--out", "s3://news/cli", "--engine", "dask"]) == 0
    assert "dataset in s3://news/cli" in capsys.readouterr().out
    assert_same_tables(wb.load(bucket["url"], cache_dir=False), "s3://news/cli")
    assert wb.open("s3://news/cli").summary()["articles"] == 3
    # the in-memory ingest writes the same dataset format, to an object store too
    assert main(["ingest", str(bucket["local"]), "--out", "s3://news/flat"]) == 0
    assert_same_tables(wb.load(bucket["local"], cache_dir=False), "s3://news/flat")
