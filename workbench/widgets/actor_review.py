"""The actor review: discovered candidates → accept, rename, merge, set type → saved to the dictionary."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import pandas as pd

from workbench.widgets.render import STYLE, esc, kwic_html, table_html

if TYPE_CHECKING:
    from workbench.corpus import Corpus

TYPES = ["person", "organization", "country", "group", "place", "other"]
NEW = ""  # the value of "(a new actor)" in the merge choice
#: Candidates whose contexts are read at once (``Corpus.actor_contexts``): the one shown and those after it.
PAGE = 50
#: Contexts shown per candidate (the note says how many mentions there are in all).
SHOWN = 5


class ActorReview(w.VBox):
    """``candidates`` (list) → ``name``, ``type``, ``merge_into`` → ``accept`` / ``reject`` → ``save``.

    ``decisions`` holds the accepted entries not yet saved (dicts for ``write_dictionary``); ``rejected`` the
    candidate ids set aside; ``status`` says what happened last.
    """

    def __init__(self, corpus: Corpus, *, path: str | os.PathLike[str] | None = None, min_mentions: int = 1) -> None:
        from workbench.actors.review import suggest, write_dictionary
        from workbench.paths import data_dir

        self.corpus = corpus
        self.path = Path(path) if path is not None else data_dir() / "actors.yml"
        self._write = write_dictionary
        # over a dataset, the candidates' dates come from the catalog: no article text is read for them
        light = getattr(corpus, "dataset", None) is not None
        source = SimpleNamespace(mentions=corpus.mentions, articles=corpus.catalog) if light else corpus
        self.table = suggest(source, min_mentions=min_mentions)
        self._rows = self.table.set_index("actor_id")
        self._counts = _mention_counts(source.mentions)
        self._contexts: dict[str, pd.DataFrame] = {}
        self.decisions: list[dict[str, Any]] = []
        self.rejected: list[str] = []
        known = corpus.actors
        known = known[~known["actor_id"].isin(set(self.table["actor_id"]))].sort_values("actor")
        self.candidates = w.Select(options=[], rows=8, description="Candidates", layout=w.Layout(width="30em"))
        self.name = w.Text(description="Name")
        self.type = w.Dropdown(options=TYPES, value="other", description="Type")
        self.merge_into = w.Dropdown(
            options=[("(a new actor)", NEW)]
            + [(f"{r.actor} ({r.actor_type})", r.actor_id) for r in known.itertuples()],
            value=NEW,
            description="Merge into",
        )
        self.accept = w.Button(description="Accept", button_style="success", icon="check")
        self.reject = w.Button(description="Reject", icon="times")
        self.save = w.Button(description=f"Save to {self.path.name}", button_style="primary", icon="save")
        self.context = w.HTML()
        self.pending = w.HTML()
        self.status = w.HTML()
        self.candidates.observe(self._show, names="value")
        self.accept.on_click(lambda _b: self.accept_current())
        self.reject.on_click(lambda _b: self.reject_current())
        self.save.on_click(lambda _b: self.save_decisions())
        form = w.VBox([self.name, self.type, self.merge_into, w.HBox([self.accept, self.reject])])
        super().__init__(
            [
                w.HTML(STYLE),
                w.HBox([self.candidates, form]),
                self.context,
                self.pending,
                w.HBox([self.save, self.status]),
            ]
        )
        self._refresh()

    # ------------------------------------------------------------------ state
    def _open(self) -> pd.DataFrame:
        done = {d["candidate"] for d in self.decisions} | set(self.rejected)
        return self.table[~self.table["actor_id"].isin(done)]

    def _refresh(self) -> None:
        todo = self._open()
        self.candidates.options = [
            (f"{r.actor} ({r.mentions} mentions, {r.proposed_type})", r.actor_id) for r in todo.itertuples()
        ]
        self.candidates.value = todo["actor_id"].iloc[0] if len(todo) else None
        self._show()
        listed = pd.DataFrame(self.decisions, columns=["candidate", "id", "name", "type", "aliases"])
        self.pending.value = "<h4>Accepted, not saved yet</h4>" + table_html(
            listed, ["candidate", "id", "name", "type", "aliases"], css="wb-pending", empty="Nothing yet."
        )

    def _current(self) -> pd.Series | None:
        if self.candidates.value is None:
            return None
        return self._rows.loc[self.candidates.value]

    def contexts(self, candidate: str) -> pd.DataFrame:
        """The first ``SHOWN`` rows of ``corpus.kwic(candidate)``, read with those of the next candidates
        (``PAGE`` of them, in one ``corpus.actor_contexts``) and kept: going down the list reads nothing."""
        if candidate not in self._contexts:
            todo = [str(c) for c in self._open()["actor_id"]]
            at = todo.index(candidate) if candidate in todo else 0
            page = [c for c in dict.fromkeys([candidate, *todo[at : at + PAGE]]) if c not in self._contexts]
            rows = self.corpus.actor_contexts(page, limit=SHOWN)
            found = dict(tuple(rows.groupby("query", sort=False))) if len(rows) else {}
            for c in page:
                one = found.get(c, rows.iloc[:0])
                self._contexts[c] = one.drop(columns="query").reset_index(drop=True)
        return self._contexts[candidate]

    def _show(self, _change: Any = None) -> None:
        row = self._current()
        for control in (self.name, self.type, self.merge_into, self.accept, self.reject):
            control.disabled = row is None
        if row is None:
            self.context.value = '<p class="wb-note">No candidates left to review.</p>'
            return
        self.name.value = str(row["actor"])
        self.type.value = row["proposed_type"] if row["proposed_type"] in TYPES else "other"
        self.merge_into.value = NEW
        candidate = str(self.candidates.value)
        self.context.value = (
            f"<p>Seen as <b>{esc(row['surfaces'])}</b>; evidence: {esc(row['evidence'])}</p>"
            + kwic_html(self.contexts(candidate), max_rows=SHOWN, total=self._counts(candidate))
        )

    # ------------------------------------------------------------------ actions
    def accept_current(self) -> dict[str, Any] | None:
        """Accept the shown candidate with the name, type and merge target in the form."""
        row = self._current()
        if row is None:
            return None
        candidate = str(self.candidates.value)
        surfaces = [str(s) for s in row["surfaces"]]
        if self.merge_into.value != NEW:
            target = self.corpus.actors.set_index("actor_id").loc[self.merge_into.value]
            entry = {
                "id": self.merge_into.value,
                "name": str(target["actor"]),
                "type": str(target["actor_type"]),
                "aliases": surfaces,
            }
        else:
            name = self.name.value.strip() or str(row["actor"])
            aliases = surfaces if name in surfaces else [name, *surfaces]
            entry = {"id": candidate, "name": name, "type": self.type.value, "aliases": aliases}
        self.decisions.append({"candidate": candidate, **entry})
        self.status.value = f'<span class="wb-note">Accepted {esc(entry["name"])}.</span>'
        self._refresh()
        return entry

    def reject_current(self) -> None:
        """Set the shown candidate aside (nothing is written for it)."""
        if self.candidates.value is not None:
            self.rejected.append(str(self.candidates.value))
            self._refresh()

    def save_decisions(self) -> Path | None:
        """Write the accepted entries into the dictionary with the Actors' safe writer; say what happened."""
        if not self.decisions:
            self.status.value = '<span class="wb-note">Nothing to save.</span>'
            return None
        entries = [{k: v for k, v in d.items() if k != "candidate"} for d in self.decisions]
        try:
            written = self._write(self.path, entries)
        except Exception as exc:  # noqa: BLE001 - the analyst sees the writer's message; nothing is lost
            self.status.value = f'<span class="wb-note">Not saved: {esc(exc)}</span>'
            return None
        self.status.value = (
            f'<span class="wb-note">Saved {len(entries)} actor(s) to {esc(written.name)}; '
            "reload the corpus to use them.</span>"
        )
        self.decisions = []
        self._refresh()
        return written


def _mention_counts(mentions: pd.DataFrame) -> Callable[[str], int]:
    """How many rows ``corpus.kwic(actor)`` has: the mentions whose ``actor_id`` or ``actor`` is ``actor``."""
    by_id, by_name = mentions["actor_id"].value_counts(), mentions["actor"].value_counts()
    both = mentions.loc[mentions["actor_id"] == mentions["actor"], "actor_id"].value_counts()
    return lambda actor: int(by_id.get(actor, 0) + by_name.get(actor, 0) - both.get(actor, 0))


def actor_review(corpus: Corpus, *, path: str | os.PathLike[str] | None = None, min_mentions: int = 1) -> ActorReview:
    """Review discovered actors: accept (optionally renamed, retyped, or merged into a known actor), reject,
    and save the accepted ones to the actor dictionary (default ``data/actors.yml``).

    Args:
        corpus: a ``workbench.Corpus``.
        path: the YAML dictionary to write.
        min_mentions: leave out candidates mentioned fewer times.
    """
    return ActorReview(corpus, path=path, min_mentions=min_mentions)
