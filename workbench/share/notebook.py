"""What the curated notebooks call besides ``workbench``: ``sources`` (the ``CORPUS`` parameter as ``wb.load``
arguments), ``is_seed`` (is that corpus ``seeds/``, so that the seed checks apply), and ``save_figure``, which
writes a figure as PNG with the data behind it as CSV beside it (text cells neutralised against spreadsheet
formulas, ``workbench.share.export``), and shows the image with a caption linking both files.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import pandas as pd, matplotlib.pyplot as plt, tempfile
>>> fig = plt.figure(); fig.data = pd.DataFrame({"x": [1]})
>>> save_figure(fig, "demo", out=tempfile.mkdtemp()).rows
1
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.paths import seeds_dir
from workbench.share.export import write_csv

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Sources = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def sources(corpus: Sources) -> tuple[str, ...]:
    """The ``CORPUS`` parameter of a notebook (one path, or a list of them) as arguments for ``wb.load``.

    >>> sources(["a.txt", "b/"])
    ('a.txt', 'b/')
    """
    if isinstance(corpus, (str, os.PathLike)):
        return (os.fspath(corpus),)
    return tuple(os.fspath(c) for c in corpus)


def is_seed(corpus: Sources | None) -> bool:
    """Whether ``corpus`` (the ``CORPUS`` parameter; empty means the default) is the seed folder ``seeds/``.

    Only then do the notebooks' seed checks apply (facts about the one seed article). A glob, a single seed
    file, a list with anything else or a path that does not resolve to ``seeds/`` is not the seed corpus.

    >>> is_seed(seeds_dir()), is_seed([seeds_dir(), seeds_dir()]), is_seed("elsewhere/"), is_seed(())
    (True, True, False, True)
    """
    paths = sources(corpus) if corpus is not None else ()
    seed = seeds_dir().resolve()
    return all(not any(c in p for c in "*?[") and Path(p).resolve() == seed for p in paths)


@dataclass
class SavedFigure:
    """A figure written as ``NAME.png`` with its data as ``NAME.csv``; shows the image and a caption."""

    name: str
    png: Path
    csv: Path
    rows: int
    columns: list[str] = field(default_factory=list)
    _png_bytes: bytes = field(default=b"", repr=False)

    def caption(self) -> str:
        return (
            f"{self.name}: {self.png.name} with its data in {self.csv.name} "
            f"({self.rows} rows: {', '.join(self.columns)})"
        )

    def _caption_html(self) -> str:
        csv = html.escape(self.csv.as_posix(), quote=True)
        png = html.escape(self.png.as_posix(), quote=True)
        cols = html.escape(", ".join(self.columns))
        return (
            f'<p class="workbench-figure">Figure <b>{html.escape(self.name)}</b>: '
            f'<a href="{png}">{html.escape(self.png.name)}</a>, data '
            f'<a href="{csv}">{html.escape(self.csv.name)}</a> ({self.rows} rows: {cols})</p>'
        )

    def __repr__(self) -> str:
        return f"<SavedFigure {self.caption()}>"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(
            {
                "image/png": base64.b64encode(self._png_bytes).decode("ascii"),
                "text/plain": f"<Figure {self.name}>",
            },
            raw=True,
        )
        display({"text/plain": self.caption(), "text/html": self._caption_html()}, raw=True)


def save_figure(fig: Figure, name: str, *, out: str | os.PathLike[str] = "figures", dpi: int = 110) -> SavedFigure:
    """Write ``fig`` as ``out/NAME.png`` and the data behind it (``fig.data``) as ``out/NAME.csv``.

    The figure is closed (so Jupyter does not show it twice) and returned as a ``SavedFigure``, which
    displays the image and a caption linking both files. Every workbench plot carries ``fig.data``.

    The CSV's text cells that a spreadsheet would run as formulas (``=``, ``+``, ``-``, ``@``, tab, CR) get a
    leading ``'``, as OWASP advises (``workbench.share.export``); numbers are written as they are.

    Args:
        fig: a matplotlib Figure with a ``data`` attribute (a DataFrame).
        name: the file stem, e.g. ``"actor-trends"``.
        out: the folder (created if needed); notebooks pass their ``OUT`` parameter.
        dpi: resolution of the PNG.
    """
    import pandas as pd

    data = getattr(fig, "data", None)
    if not isinstance(data, pd.DataFrame):
        raise WorkbenchError(
            f"figure {name!r} has no `data` DataFrame; workbench plots attach the data they "
            "draw as fig.data so that it can be saved beside the image"
        )
    if not name or any(c in name for c in "/\\") or name.startswith("."):
        raise WorkbenchError(f"figure name {name!r} must be a plain file stem such as 'actor-trends'")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    png, csv = folder / f"{name}.png", folder / f"{name}.csv"
    fig.savefig(png, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    write_csv(data, csv)  # text cells that a spreadsheet would run as formulas are neutralised
    try:
        import matplotlib.pyplot as plt

        plt.close(fig)
    except Exception:  # noqa: BLE001 - closing is a courtesy to Jupyter; a headless Figure needs none
        pass
    return SavedFigure(name, png, csv, len(data), [str(c) for c in data.columns], png.read_bytes())
