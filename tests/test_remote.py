"""Inputs in an object store (``s3://`` through fsspec/s3fs), served by a moto S3 server on 127.0.0.1: ``load``
and the Dask ingest read them like a local folder; a dataset folder in an object store is refused clearly."""

from __future__ import annotations

import shutil
import socket
import urllib.request

import pytest

import workbench as wb
from tests.test_scale import SEEDS, assert_same_tables
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


def test_dask_ingest_of_an_s3_folder_equals_load(bucket, tmp_path):
    from workbench.scale import ingest_dask

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
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


def test_dataset_in_an_object_store_is_refused_with_a_reason(tmp_path):
    from workbench.scale import ingest_dask

    with pytest.raises(WorkbenchError, match="shared file system"):
        ingest_dask([tmp_path], "s3://news/dataset")


def test_unknown_protocol_is_a_report_row():
    report = wb.load("nosuchfs://bucket/x", cache_dir=False).report
    assert list(report["status"]) == ["failed"] and "cannot open this URL" in report["reason"].iloc[0]
