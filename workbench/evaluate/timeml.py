"""Score the TIMEX3 tagger against TimeML gold files, the way TempEval-3 does.

A ``.tml`` file gives the text of ``<TEXT>`` with inline ``<TIMEX3>`` gold annotations and the document
creation time (the ``TIMEX3`` with ``functionInDocument="CREATION_TIME"``). We strip the tags, run
``workbench.dates.timexes.tag`` on the plain text with the creation time as ``published``, and report:

- strict span P/R/F1 (identical offsets) and relaxed span P/R/F1 (any overlap);
- type and value accuracy over relaxed matches;
- type and value F1, where a hit needs an overlapping span *and* an identical attribute (TempEval-3's
  "value F1": HeidelTime reports about 0.78 on the TempEval-3 test set).

Command line (wired as ``workbench eval timeml DIR…``)::

    python -m workbench.evaluate.timeml ../shared/data/tempeval3/timebank ../shared/data/tempeval3/aquaint
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.dates.timexes import Timex, tag
from workbench.errors import WorkbenchError

__all__ = [
    "GoldTimex",
    "Document",
    "TimeMLError",
    "read_tml",
    "split_files",
    "same_value",
    "score",
    "evaluate",
    "errors",
    "main",
]


class TimeMLError(WorkbenchError):
    """A file that is not TimeML, or an unknown split."""


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    surface: str
    type: str
    value: str


@dataclass
class Document:
    path: str
    text: str
    dct: str | None
    gold: list[GoldTimex] = field(default_factory=list)


def read_tml(path: str | Path) -> Document:
    """The plain text of ``<TEXT>``, its creation time and its gold TIMEX3 spans (offsets into the text)."""
    raw = Path(path).read_text(encoding="utf-8")
    dct = None
    for m in re.finditer(r"<TIMEX3([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = attrs.get("value")
            break
    body_match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body_match is None:
        raise TimeMLError(f"{path}: no <TEXT> element; is this a TimeML file?")
    body = body_match.group(1)
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attr_text = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3" or m.group(4):
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attr_text))))
        elif open_timex:
            start, a = open_timex.pop()
            gold.append(GoldTimex(start, length, "", a.get("type", ""), a.get("value", "")))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    gold = [GoldTimex(g.start, g.end, text[g.start : g.end], g.type, g.value) for g in gold]
    return Document(str(path), text, dct, sorted(gold, key=lambda g: g.start))


#: Which files of a folder are held out: every ``HOLD_OUT_EVERY``-th by name (the 5th, 10th, …).
HOLD_OUT_EVERY = 5
SPLITS = ("all", "dev", "heldout")


def split_files(files: Sequence[Path], split: str) -> list[Path]:
    """The files of one split: ``heldout`` is every fifth file by name within its folder (the 5th, 10th,
    …), ``dev`` the others, ``all`` every file. The rules are developed on ``dev`` only; ``heldout`` is
    scored, never read for errors, so that its figure says what to expect on unseen news.

    >>> [f.name for f in split_files([Path(f"d/{i:02d}.tml") for i in range(1, 11)], "heldout")]
    ['05.tml', '10.tml']
    """
    if split not in SPLITS:
        raise TimeMLError(f"unknown split {split!r}; choose one of {', '.join(SPLITS)}")
    if split == "all":
        return list(files)
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        by_folder.setdefault(f.parent, []).append(f)
    held = {f for group in by_folder.values() for f in sorted(group)[HOLD_OUT_EVERY - 1 :: HOLD_OUT_EVERY]}
    return [f for f in files if (f in held) == (split == "heldout")]


def _tml_files(paths: Iterable[str | Path], split: str = "all") -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.rglob("*.tml")))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder of .tml files")
    return split_files(files, split)


_UNPADDED_WEEK = re.compile(r"(?<=-W)(\d)(?!\d)")


def same_value(system: str, gold: str) -> bool:
    """Whether two TIMEX3 values are the same: compared case-blind, with a week number written without its
    leading zero read as the ISO week it names (TimeBank writes both ``2000-W7`` and ``2000-W07``).

    >>> same_value("2000-W07", "2000-W7"), same_value("2000-W07", "2000-W17")
    (True, False)
    """
    return _UNPADDED_WEEK.sub(r"0\1", system.upper()) == _UNPADDED_WEEK.sub(r"0\1", gold.upper())


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(pairs: Sequence[tuple[Sequence[GoldTimex], Sequence[Timex]]]) -> dict[str, object]:
    """TempEval-3 figures over ``(gold, system)`` timex lists of several documents."""
    n_gold = n_sys = strict_p = strict_r = relaxed_p = relaxed_r = matched = type_ok = value_ok = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        spans = {(g.start, g.end) for g in gold}
        strict_p += sum((s.start, s.end) in spans for s in system)
        strict_r += sum((g.start, g.end) in {(s.start, s.end) for s in system} for g in gold)
        relaxed_p += sum(any(g.start < s.end and s.start < g.end for g in gold) for s in system)
        for g in gold:
            hits = [s for s in system if g.start < s.end and s.start < g.end]
            if not hits:
                continue
            relaxed_r += 1
            matched += 1
            best = min(hits, key=lambda s: abs(s.start - g.start) + abs(s.end - g.end))
            type_ok += best.type == g.type
            value_ok += same_value(best.value, g.value)
    return {
        "documents": len(pairs),
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict_p, n_sys, strict_r, n_gold),
        "relaxed": _prf(relaxed_p, n_sys, relaxed_r, n_gold),
        "type_accuracy": type_ok / matched if matched else 0.0,
        "value_accuracy": value_ok / matched if matched else 0.0,
        "type": _prf(type_ok, n_sys, type_ok, n_gold),
        "value": _prf(value_ok, n_sys, value_ok, n_gold),
    }


def evaluate(paths: Iterable[str | Path], *, split: str = "all") -> dict[str, object]:
    """Read every ``.tml`` under ``paths`` (of one ``split``: see ``split_files``), tag it, and score it
    (see ``score``)."""
    pairs = []
    for f in _tml_files(paths, split):
        doc = read_tml(f)
        pairs.append((doc.gold, tag(doc.text, published=doc.dct)))
    return score(pairs)


def errors(paths: Iterable[str | Path], *, split: str = "dev") -> list[tuple[str, str, str, str, str]]:
    """Disagreements for error analysis: (file, kind, surface, gold value, system value), on the ``dev``
    split unless told otherwise (the held-out files are for scoring, not for reading)."""
    out = []
    for f in _tml_files(paths, split):
        doc = read_tml(f)
        system = tag(doc.text, published=doc.dct)
        for g in doc.gold:
            hits = [s for s in system if g.start < s.end and s.start < g.end]
            if not hits:
                out.append((f.name, "missed", g.surface, g.value, ""))
            elif not same_value(hits[0].value, g.value) or (hits[0].start, hits[0].end) != (g.start, g.end):
                kind = "value" if not same_value(hits[0].value, g.value) else "span"
                out.append((f.name, kind, f"{g.surface} | {hits[0].surface}", g.value, hits[0].value))
        for s in system:
            if not any(g.start < s.end and s.start < g.end for g in doc.gold):
                ctx = doc.text[max(0, s.start - 30) : s.end + 30].replace("\n", " ")
                out.append((f.name, "spurious", s.surface, ctx, s.value))
    return out


def _format(name: str, result: dict[str, object]) -> str:
    def row(label: str, d: dict[str, float]) -> str:
        return f"  {label:<14} P={d['precision']:.3f} R={d['recall']:.3f} F1={d['f1']:.3f}"

    lines = [f"{name}: {result['documents']} documents, {result['gold']} gold / {result['system']} system timexes"]
    for key in ("strict", "relaxed", "type", "value"):
        lines.append(row(f"{key} {'span' if key in ('strict', 'relaxed') else 'F1'}", result[key]))  # type: ignore[arg-type]
    lines.append(f"  type accuracy  {result['type_accuracy']:.3f}   value accuracy {result['value_accuracy']:.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``workbench eval timeml DIR…``: print the TempEval-3 scores of each folder/file and of all together."""
    parser = argparse.ArgumentParser(prog="workbench eval timeml", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="TimeML .tml files or folders of them")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        default="all",
        help="dev: all but every 5th file by name; heldout: every 5th file (default: all)",
    )
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="also print N disagreements (dev only)")
    args = parser.parse_args(argv)
    if args.errors and args.split == "heldout":
        print("error: --errors reads the dev split only; the held-out files are for scoring", file=sys.stderr)
        return 2
    try:
        results = {str(p): evaluate([p], split=args.split) for p in args.paths}
        if len(args.paths) > 1:
            results["all"] = evaluate(args.paths, split=args.split)
    except (FileNotFoundError, WorkbenchError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(results, indent=2))
    else:
        print("\n".join(_format(name, r) for name, r in results.items()))
    if args.errors:
        for e in errors(args.paths, split="dev")[: args.errors]:
            print("\t".join(e))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
