"""The ``workbench`` command line: every command takes sources like ``load`` (default ``seeds/``).

Tables print readably to a terminal and as CSV or JSON with ``--format``; errors go to stderr as one line
with exit status 2 (nothing could be loaded, a path does not exist, bad arguments).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.corpus import Corpus

TABLES = ("articles", "sentences", "tokens", "mentions", "actors", "timexes")
#: Columns shortened in terminal output (full values in csv/json).
LONG_COLUMNS = {
    "text": 60,
    "boilerplate": 30,
    "title": 50,
    "source": 40,
    "reason": 60,
    "notes": 30,
    "left": 40,
    "right": 40,
    "aliases": 40,
    "actors": 40,
}


class CliError(WorkbenchError):
    """A one-line reason for exit status 2."""


def _corpus(args: argparse.Namespace) -> Corpus:  # the import is kept lazy for a fast --help
    from workbench.corpus import load

    sources = args.sources or []
    missing = [s for s in sources if not any(ch in s for ch in "*?[") and "://" not in s and not Path(s).exists()]
    if missing:
        raise CliError(f"path does not exist: {missing[0]}")
    corpus = load(*sources, year_hint=getattr(args, "year_hint", None), actors=getattr(args, "actors", None) or None)
    if len(corpus.articles) == 0:
        counts = corpus.report["status"].value_counts().to_dict()
        detail = ", ".join(f"{v} {k}" for k, v in counts.items()) or "no input files"
        first = corpus.report["reason"].iloc[0] if len(corpus.report) else "no files found"
        raise CliError(f"nothing could be loaded ({detail}); first reason: {first}")
    return corpus


def _shorten(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col, width in LONG_COLUMNS.items():
        if col in out.columns:
            out[col] = out[col].map(lambda v, w=width: _clip(v, w))
    return out


def _clip(value: object, width: int) -> object:
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if isinstance(value, str):
        value = " ".join(value.split())
        return value if len(value) <= width else value[: width - 1] + "…"
    return value


def emit(frame: pd.DataFrame, fmt: str, out: TextIO | None = None) -> None:
    """Write ``frame`` as a readable table, CSV or JSON (records, ISO dates).

    CSV text cells that a spreadsheet would run as a formula (``=…``, ``+…``, ``-…``, ``@…``, tab, CR) get a
    leading ``'`` (OWASP's advice; ``workbench.share.export``); JSON and the terminal table show values as they are.
    """
    out = out or sys.stdout
    if fmt == "csv":
        from workbench.share.export import write_csv

        write_csv(frame, out)
    elif fmt == "json":
        out.write(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        out.write("\n")
    else:
        with pd.option_context("display.max_rows", 200, "display.max_columns", 30, "display.width", 200):
            out.write(_shorten(frame).to_string(index=False, max_rows=200) + "\n")
            if len(frame) > 200:
                out.write(f"… {len(frame):,} rows in all; use --format csv for every row\n")


def _command(args: argparse.Namespace) -> str:
    """The command line as given (named in messages about repairing a dataset)."""
    return "workbench " + shlex.join(args.argv) if getattr(args, "argv", None) else "workbench ingest"


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.tables:
        print("note: --tables is no longer needed: every table is written", file=sys.stderr)
    if args.engine == "dask":
        return _ingest_dask(args)
    corpus = _corpus(args)
    report = corpus.report
    counts = report["status"].value_counts()
    print(f"{len(report):,} inputs: " + ", ".join(f"{n:,} {s}" for s, n in counts.items()))
    print(f"{len(corpus.articles):,} articles, {len(corpus.sentences):,} sentences, {len(corpus.tokens):,} tokens")
    problems = report[report["status"].isin(["failed", "skipped"])]
    if len(problems):
        print("\nnot loaded:")
        emit(problems[["source", "record", "status", "reason"]].head(50), "table")
    if args.out:
        from workbench.corpus.write import write_dataset

        manifest = write_dataset(
            corpus,
            args.out,
            sources=args.sources,
            command=_command(args),
            wait=args.wait,
            log=lambda line: print(line, file=sys.stderr),
            partition_size=args.partition_size,
        )
        rows = ", ".join(f"{n:,} {t}" for t, n in manifest.rows().items())
        print(f"\nwrote a dataset of {len(manifest.partitions)} partition(s) to {args.out}: {rows}")
    return 0


def _ingest_dask(args: argparse.Namespace) -> int:
    from workbench.paths import seeds_dir
    from workbench.scale import ingest_dask

    if not args.out:
        raise CliError("--engine dask writes a Parquet dataset: give --out DIR")
    missing = [s for s in args.sources if not any(ch in s for ch in "*?[") and "://" not in s and not Path(s).exists()]
    if missing:
        raise CliError(f"path does not exist: {missing[0]}")
    summary = ingest_dask(
        args.sources or [seeds_dir()],
        args.out,
        scheduler=args.scheduler,
        partition_size=args.partition_size,
        year_hint=args.year_hint,
        actors=args.actors or (),
        wait=args.wait,
        command=_command(args),
        log=lambda line: print(line, file=sys.stderr),
    )
    status = ", ".join(f"{n:,} {k}" for k, n in summary.by_status.items())
    print(f"{summary.inputs:,} inputs: {status}; {summary.articles:,} articles")
    print(f"{summary.partitions} partitions ({len(summary.skipped)} already written); dataset in {summary.out}")
    if summary.articles == 0:
        raise CliError("nothing could be loaded; see the report table in the dataset")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from workbench.dataset.manifest import open_manifest
    from workbench.dataset.store import Store

    store = Store(args.path)
    manifest = open_manifest(store, verify="full" if args.full else "fast")
    rows = ", ".join(f"{n:,} {t}" for t, n in manifest.rows().items())
    how = "every file re-hashed" if args.full else "sizes and row counts"
    print(f"{args.path}: complete and whole ({how}; {len(manifest.files)} files: {rows})")
    return 0


def cmd_table(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    emit(getattr(corpus, args.command), args.format)
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    emit(_corpus(args).timeline(), args.format)
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    topics = corpus.topics(level=args.level, n_topics=args.n_topics)
    if args.format == "table":
        print(f"{len(topics.labels)} topics at {args.level} level:")
        emit(topics.summary(), "table")
        print("\nweights:")
    emit(topics.doc_topics, args.format)
    return 0


def cmd_keywords(args: argparse.Namespace) -> int:
    emit(_corpus(args).keywords(by=args.by, n=args.n, method=args.method), args.format)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from workbench.share.report import run_report

    index = run_report(args.sources or None, out=args.out, show_code=args.show_code, log=print)
    print(f"report written: {index}")
    return 0


def cmd_dashboard(args: argparse.Namespace) -> int:
    from workbench.share.dashboard import serve_dashboard

    token = "" if args.no_token else None
    return serve_dashboard(args.sources or None, port=args.port, token=token, open_browser=args.open, debug=args.debug)


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what != "timeml":
        raise CliError(f"unknown evaluation {args.what!r}; available: timeml")
    from workbench.evaluate.timeml import main as timeml_main

    return timeml_main(args.paths) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workbench", description="News workbench: load news, find actors, dates and topics."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(
        name: str, func: Callable[[argparse.Namespace], int], help_: str, *, fmt: bool = True
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_)
        p.add_argument("sources", nargs="*", help="files, folders or globs (default: seeds/)")
        if fmt:
            p.add_argument("--format", choices=("table", "csv", "json"), default="table")
        p.add_argument("--year-hint", type=int, default=None, help="year for undated articles' dates")
        p.add_argument("--actors", action="append", default=[], help="extra actor dictionary (repeatable)")
        p.set_defaults(func=func)
        return p

    p = add(
        "ingest", cmd_ingest, "load sources, print the ingest report summary, optionally write a dataset", fmt=False
    )
    p.add_argument("--out", help="folder (or s3://bucket/prefix) to write the dataset to: every table, a manifest")
    p.add_argument("--tables", nargs="*", default=[], help=argparse.SUPPRESS)  # every table is written now
    p.add_argument("--wait", action="store_true", help="wait for another ingest writing --out instead of failing")
    p.add_argument(
        "--engine",
        choices=("memory", "dask"),
        default="memory",
        help="dask: map the per-article work over a Dask cluster, write a partitioned dataset",
    )
    p.add_argument("--scheduler", default=None, help="address of a dask.distributed scheduler (default: local)")
    p.add_argument("--partition-size", type=int, default=None, help="files per partition (default: about 8 MB)")
    for name in TABLES:
        add(name, cmd_table, f"print the {name} table")
    add("timeline", cmd_timeline, "dated statements: sentence, resolved date, actors")
    p = add("topics", cmd_topics, "topics with top terms and per-article weights")
    p.add_argument("--n-topics", type=int, default=None)
    p.add_argument(
        "--level",
        choices=("auto", "article", "paragraph"),
        default="auto",
        help="auto: paragraphs when the corpus has few stories",
    )
    p = add("keywords", cmd_keywords, "keywords per article, paragraph, corpus or column (TF-IDF or keyness)")
    p.add_argument("--by", default="article", help="article, paragraph, corpus or an articles column (outlet…)")
    p.add_argument("--method", choices=("tfidf", "loglik"), default="tfidf")
    p.add_argument("-n", type=int, default=20)
    p = add(
        "report",
        cmd_report,
        "run the curated notebooks on the corpus (sources, or a dataset folder written by "
        "`ingest --engine dask`, opened lazily) and write rendered HTML",
        fmt=False,
    )
    p.add_argument("--out", default="build/report")
    p.add_argument("--show-code", action="store_true", help="keep the code cells on the pages (default: hidden)")
    p.add_argument("--no-input", action="store_true", help=argparse.SUPPRESS)  # the default now; still accepted
    p = add("dashboard", cmd_dashboard, "serve the explorer notebook with Voilà on 127.0.0.1", fmt=False)
    p.add_argument("--port", type=int, default=None, help="port on 127.0.0.1 (default: 8866, or the next free one)")
    p.add_argument("--open", action="store_true", help="open the page in a browser")
    p.add_argument("--no-token", action="store_true", help="serve without an access token (default: a new one)")
    p.add_argument("--debug", action="store_true", help="show tracebacks on the page and log verbosely")
    p = sub.add_parser(
        "verify", help="check a dataset against its manifest", description="check a dataset against its manifest"
    )
    p.add_argument("path", help="the dataset folder (or object-store prefix)")
    p.add_argument("--full", action="store_true", help="re-hash every file (default: sizes and row counts)")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("eval", help="evaluate a component against gold data", description="evaluate against gold data")
    p.add_argument("what", help="timeml")
    p.add_argument("paths", nargs="+", help="folders or .tml files")
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return int(args.func(args) or 0)
    except (CliError, WorkbenchError, FileNotFoundError) as exc:
        print(f"workbench {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `workbench tokens | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
