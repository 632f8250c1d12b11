"""Verifier: the library's entry point, wiring index, retrieval, NLI and decision together."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from verify.backends import check_backend
from verify.calibrate import Calibrator
from verify.cascade import CascadeNLI
from verify.config import (
    CLAIM_BATCH,
    CONTRADICT_THRESHOLD,
    DEFAULT_BACKEND,
    DEFAULT_EMBED_MODEL,
    DEFAULT_INDEX,
    DEFAULT_NLI,
    MAX_EVIDENCE,
    SUPPORT_THRESHOLD,
    TOP_K,
    default_index_dir,
    default_seeds_dir,
)
from verify.decide import decide, deciding_rule, not_settled
from verify.embed import Embedder
from verify.errors import ClaimInvalid, ConfigError, IndexMissing
from verify.facts.align import Alignment, align
from verify.facts.extract import claim_facts
from verify.facts.model import TextFacts
from verify.facts.restate import denial_candidate, plain_figures, restated_claim
from verify.nli import NLIModel
from verify.premise import PLAIN, PremiseFormat, dateline_text, model_premise_format, premise_for
from verify.retrieve import Hit, HybridRetriever
from verify.runinfo import RunInfo, run_date
from verify.schema import Claim, ClaimError, Source, Verdict
from verify.shared import shared_embedder, shared_nli
from verify.sources import SourceError, iter_source_files, read_file, read_sources
from verify.store import ChangeReport, IndexStoreError, Progress, SourceInfo
from verify.store_api import index_location, open_store
from verify.text import without_negation

if TYPE_CHECKING:
    import numpy as np

    from verify.ray_runtime import RayOptions

SEED_KIND = "seed"
_DEFAULT = object()


class Verifier:
    """Verify claims against an index of source articles.

    >>> v = Verifier("index/newsroom", seeds_dir=None)     # doctest: +SKIP
    >>> v.add_sources(["articles/"])                         # doctest: +SKIP
    >>> v.verify("The appeal was rejected on June 14.").label  # doctest: +SKIP

    With no index given, $VERIFY_INDEX or ``index/default`` is used. The index at ``index/default``
    is kept in step with the seed articles in ``seeds/`` ($VERIFY_SEEDS) by ``Verifier.open`` (or
    ``sync_seeds``): it builds itself on first use and notices when a seed changes. The constructor
    never embeds anything. Other indexes hold what you add (or pass ``seeds_dir``). Models given by
    name are loaded once per process and shared by every Verifier (see verify.shared); ``backend``
    says what computes them (ONNX Runtime or PyTorch, see verify.backends).
    """

    def __init__(
        self,
        index: str | Path | None = None,
        *,
        embed_model: str | Embedder = DEFAULT_EMBED_MODEL,
        nli_model: str | NLIModel = DEFAULT_NLI,
        backend: str = DEFAULT_BACKEND,
        top_k: int = TOP_K,
        seeds_dir: str | Path | None | object = _DEFAULT,
        support_threshold: float = SUPPORT_THRESHOLD,
        contradict_threshold: float = CONTRADICT_THRESHOLD,
        max_evidence: int = MAX_EVIDENCE,
        check_embedder: bool = True,
        checks: bool = True,
        calibrator: Calibrator | None = None,
    ) -> None:
        if top_k < 1:
            raise ConfigError("top_k must be at least 1")
        # A folder (Path) for the default FAISS + SQLite store, or an engine URL (str): see store_api.
        self.index_dir: Path | str = index_location(index) if index is not None else default_index_dir()
        if seeds_dir is _DEFAULT:
            # The index at index/default is the seeded one; any other index is managed by hand.
            is_default = isinstance(self.index_dir, Path) and self.index_dir.resolve() == DEFAULT_INDEX.resolve()
            seeds_dir = default_seeds_dir() if is_default else None
        self.seeds_dir = Path(seeds_dir) if seeds_dir is not None else None  # type: ignore[arg-type]
        check_backend(backend)
        self.backend = backend
        self.embedder = shared_embedder(embed_model, backend) if isinstance(embed_model, str) else embed_model
        self.nli = shared_nli(nli_model, backend) if isinstance(nli_model, str) else nli_model
        # A bad $VERIFY_PREMISE or card `premise` field stops here, before any output is written.
        for model in (self.nli, self.nli.accurate) if isinstance(self.nli, CascadeNLI) else (self.nli,):
            model_premise_format(model)
        self.top_k = top_k
        self.support_threshold = support_threshold
        self.contradict_threshold = contradict_threshold
        self.max_evidence = max_evidence
        self.checks = checks  # the deterministic date/number/name/negation checks (checks.py)
        # Score every denial candidate, not only those of undecided claims (see _denials): for
        # benchmarks/replay.py's recordings; the verdicts are the same.
        self.all_denials = False
        # Raw confidences unless a calibrator is given: curves fitted on one domain (the shipped
        # Check-COVID ones) mis-state confidence on another (news), so none is applied by default.
        self.calibrator = calibrator or Calibrator()
        self._store = open_store(self.index_dir, self.embedder, check_embedder=check_embedder)
        self.retriever = HybridRetriever(self._store)
        self.seed_report: ChangeReport | None = None

    @classmethod
    def open(cls, index: str | Path | None = None, *, create: bool = False, **options: Any) -> Verifier:
        """A Verifier ready to verify: the seeded index synced with its seeds folder (the first call
        embeds them; `seed_report` says what changed), any other index required to exist unless
        `create` (a first `add` will create it). Options are the constructor's."""
        verifier = cls(index, **options)
        if verifier.seeds_dir is not None:
            verifier.seed_report = verifier.sync_seeds()
        elif not create and not verifier._store.exists:
            raise IndexMissing(
                f"no index at {verifier.index_dir}: create one with "
                f"`verify index add ARTICLES --index {verifier.index_dir}`, or pick another with --index"
            )
        return verifier

    # ---- sources -------------------------------------------------------------------------

    def sync_seeds(self) -> ChangeReport | None:
        """Bring the seed sources in line with the seeds folder; None when nothing changed."""
        assert self.seeds_dir is not None
        if not self.seeds_dir.is_dir():
            raise IndexStoreError(f"seeds folder {self.seeds_dir} does not exist")
        seeds = read_sources(self.seeds_dir)
        indexed = {s.id: s.content_hash for s in self._store.list_sources() if s.kind == SEED_KIND}
        if indexed == {s.id: s.content_hash for s in seeds}:
            return None
        return self._store.sync(seeds, kind=SEED_KIND)

    def add_sources(
        self,
        paths: Iterable[str | Path],
        on_error: Callable[[SourceError], None] | None = None,
        progress: Progress | None = None,
        ray: RayOptions | None = None,
    ) -> ChangeReport:
        """Read articles from files or folders and add them; unchanged ones are skipped.

        A file that cannot be read raises SourceError, or, with `on_error`, is reported to it and
        skipped. All new passages are embedded in one batched pass (`progress` hears how far it is);
        with `ray`, chunking, facts and embedding run as Ray Data jobs (see `add`)."""
        sources: list[Source] = []
        for path in paths:
            try:
                files = list(iter_source_files(Path(path)))
            except SourceError as exc:
                if on_error is None:
                    raise
                on_error(exc)
                continue
            for file in files:
                try:
                    sources.extend(read_file(file))
                except SourceError as exc:
                    if on_error is None:
                        raise
                    on_error(exc)
        return self.add(*sources, progress=progress, ray=ray)

    def add(self, *sources: Source, progress: Progress | None = None, ray: RayOptions | None = None) -> ChangeReport:
        """Add articles already in memory (see verify.sources.make_source). With `ray`, the slow
        part (chunking, facts, embedding) runs in Ray actors (verify.ray_index) and gives the same
        index; the commit stays here, one writer under the index's lock."""
        self.check_not_seeds([s.id for s in sources], "add")
        prepare = None
        if ray is not None:
            from verify.ray_runtime import import_ray

            import_ray()  # a clear error, before anything is read, when Ray is missing
            from verify.ray_index import ray_preparer

            prepare = ray_preparer(self.embedder, ray)
        return self._store.add(list(sources), progress=progress, prepare=prepare)

    def remove_sources(self, source_ids: list[str]) -> ChangeReport:
        self.check_not_seeds(source_ids, "remove")
        return self._store.remove(source_ids)

    def check_not_seeds(self, source_ids: list[str], action: str) -> None:
        """Seed sources follow the seeds folder: they are changed there, not by id."""
        seeds = {s.id for s in self._store.list_sources() if s.kind == SEED_KIND}
        clash = sorted(seeds & set(source_ids))
        if clash and action == "add":
            raise IndexStoreError(f"source id(s) {', '.join(clash)} belong to the seeds folder; change them there")
        if clash and self.seeds_dir is not None:
            raise IndexStoreError(
                f"{', '.join(clash)} come(s) from the seeds folder {self.seeds_dir}: delete the file there instead"
            )

    def list_sources(self) -> list[SourceInfo]:
        return self._store.list_sources()

    def rebuild(self, progress: Progress | None = None) -> ChangeReport:
        return self._store.rebuild(progress=progress)

    def refresh(self) -> bool:
        """Pick up a generation another writer committed; True when it moved."""
        return self._store.refresh()

    def has_source(self, source_id: str) -> bool:
        return source_id in self._store.source_hashes

    @property
    def exists(self) -> bool:
        """The index holds a committed generation (at least one write happened)."""
        return self._store.exists

    def run_info(self) -> RunInfo:
        """What verdicts from this Verifier are computed with, for summaries and report headers."""
        sources = self._store.source_hashes
        passages = self._store.passage_count
        return RunInfo(
            date=run_date(),
            index=str(self.index_dir),
            sources=len(sources),
            passages=passages,
            seeded=self.seeds_dir is not None,
            embedding_model=self.embedder.name,
            nli_model=self.nli.name,
            calibration=self.calibrator.source or None,
        )

    # ---- verification --------------------------------------------------------------------

    def verify(self, claim: str | Claim) -> Verdict:
        if isinstance(claim, Claim):
            item = claim
        elif not isinstance(claim, str) or not claim.strip():
            # a blank claim would still retrieve passages and get a confident label
            raise ClaimInvalid(f"a claim must be a string with some text, not {claim!r}")
        else:
            item = Claim(id="1", claim=claim)
        return next(iter(self.verify_many([item])))

    def verify_many(
        self, claims: Iterable[Claim], batch_size: int = CLAIM_BATCH, top_k: int | None = None
    ) -> Iterator[Verdict]:
        """Verdicts in input order, computed a batch at a time (retrieval and NLI are batched)."""
        if not self._store.exists:
            raise IndexStoreError(f"index {self.index_dir} holds no sources yet: add some with `verify index add`")
        batch: list[Claim] = []
        for claim in claims:
            batch.append(claim)
            if len(batch) >= batch_size:
                yield from self._verify_batch(batch, top_k or self.top_k)
                batch = []
        if batch:
            yield from self._verify_batch(batch, top_k or self.top_k)

    def verify_file(
        self,
        claims: str | Path,
        *,
        ray: RayOptions | None = None,
        done: list[Any] | None = None,
        input_format: str = "auto",
    ) -> Iterator[Verdict | ClaimError]:
        """The verdicts and error records of a claims file (JSONL or text lines, "-" for stdin; or
        Parquet, by its .parquet suffix or `input_format="parquet"`), in input order. With `ray`, it
        runs as a Ray Data job (verify.ray_claims) and the records are the same, byte for byte once
        written. `done`: what a resumed run keeps (verify.resume). verify.write_parquet writes the
        records as a Parquet file."""
        from verify.parquet_support import claims_format

        chosen = claims_format(claims, input_format)
        if ray is not None:
            from verify.ray_runtime import import_ray

            import_ray()
            from verify.ray_claims import verify_file_on_ray

            yield from verify_file_on_ray(self, claims, ray, done=done, input_format=chosen)
            return
        from verify.claims_io import read_claims
        from verify.resume import skip_done

        if chosen == "parquet":
            from verify.claims_parquet import ParquetClaims

            with ParquetClaims(claims) as rows:
                yield from verify_items(self, skip_done(rows, done) if done else rows)
            return
        with open(claims, "rb") if str(claims) != "-" else contextlib.nullcontext(sys.stdin.buffer) as lines:
            items = read_claims(lines)
            yield from verify_items(self, skip_done(items, done) if done else items)

    def _verify_batch(self, claims: list[Claim], top_k: int) -> list[Verdict]:
        hits_per_claim = self.retriever.search_many([c.claim for c in claims], top_k)
        # Facts: the claims' parsed once here, the sources' read from the index (computed when
        # each source was added), never re-extracted per claim x passage pair.
        facts_per_claim = claim_facts([c.claim for c in claims]) if self.checks else []
        wanted = sorted({h.passage.source_id for hits in hits_per_claim for h in hits}) if self.checks else []
        sources = self._store.source_facts(wanted)
        alignments_per_claim = [
            self._align(c.claim, facts_per_claim[ci], hits, sources) if self.checks else None
            for ci, (c, hits) in enumerate(zip(claims, hits_per_claim))
        ]
        # The passage of each scored pair: every claim's passages, then those of the claims with
        # one explicit negation again, against the claim without it (see decide.py). The model
        # reads the claim with the facts already matched in the passage's words (facts.restate).
        pair_hits: list[Hit] = []
        pair_texts: list[str] = []  # each passage as the model reads it (facts.restate.plain_figures)
        hypotheses: list[str] = []
        for c, hits, alignments in zip(claims, hits_per_claim, alignments_per_claim):
            for hi, h in enumerate(hits):
                alignment = alignments[hi] if alignments else None
                pair_hits.append(h)
                pair_texts.append(plain_figures(h.passage.text, h.passage.start, alignment))
                hypotheses.append(restated_claim(c.claim, alignment))
        affirmed_claims = [without_negation(c.claim) if self.checks else None for c in claims]
        for affirmative, hits in zip(affirmed_claims, hits_per_claim):
            if affirmative is not None:
                pair_hits += hits
                pair_texts += [h.passage.text for h in hits]
                hypotheses += [affirmative] * len(hits)
        fmt = model_premise_format(self.nli)  # title/dateline first only for a model trained so
        probs = self.nli.score([premise(h, fmt, t) for h, t in zip(pair_hits, pair_texts)], hypotheses)
        # Each claim's rows of probs: its passages, then (for a negated claim) the same passages
        # scored against the claim without its negation.
        spans: list[tuple[slice, slice | None]] = []
        offset, extra = 0, sum(len(h) for h in hits_per_claim)
        for hits, affirmative in zip(hits_per_claim, affirmed_claims):
            own = slice(offset, offset + len(hits))
            offset += len(hits)
            affirmed_rows = None
            if affirmative is not None:
                affirmed_rows = slice(extra, extra + len(hits))
                extra += len(hits)
            spans.append((own, affirmed_rows))
        if isinstance(self.nli, CascadeNLI):

            def decided_by(ci: int) -> str:
                """The rule deciding claim `ci` on the fast scores (asked only where it matters)."""
                own, affirmed_rows = spans[ci]
                return deciding_rule(
                    claims[ci],
                    hits_per_claim[ci],
                    probs[own],
                    alignments_per_claim[ci],
                    probs[affirmed_rows] if affirmed_rows is not None else None,
                    self.support_threshold,
                    self.contradict_threshold,
                    facts_per_claim[ci] if self.checks else None,
                )

            pairs = (pair_hits, pair_texts, hypotheses)
            self._second_look(self.nli, probs, spans, alignments_per_claim, pairs, decided_by)
        denials = self._denials(claims, hits_per_claim, alignments_per_claim, facts_per_claim, probs, spans, hypotheses)
        verdicts = []
        for ci, (claim, hits) in enumerate(zip(claims, hits_per_claim)):
            own, affirmed_rows = spans[ci]
            rows = probs[own]
            affirmed = probs[affirmed_rows] if affirmed_rows is not None else None
            alignments = alignments_per_claim[ci]
            verdict = decide(
                claim,
                hits,
                rows,
                alignments,
                affirmed,
                self.support_threshold,
                self.contradict_threshold,
                self.max_evidence,
                facts_per_claim[ci] if self.checks else None,
                denied=denials[ci],
            )
            verdict.confidence = self.calibrator(verdict.label.value, verdict.confidence)
            verdicts.append(verdict)
        return verdicts

    def _denials(
        self,
        claims: list[Claim],
        hits_per_claim: list[list[Hit]],
        alignments_per_claim: list[list[Alignment] | None],
        facts_per_claim: list[TextFacts],
        probs: np.ndarray,
        spans: list[tuple[slice, slice | None]],
        hypotheses: list[str],
    ) -> list[tuple[int, np.ndarray] | None]:
        """Per claim, the passage that may deny it outright (facts.restate.denial_candidate) scored
        with its "not" taken out, for the claims no rule decides on the scores so far (the only ones
        decide.denied_by_source may decide): by the cascade's accurate model (the fast one barely
        reads a "not"), else by the one model. `all_denials` asks it of every candidate (for
        benchmarks/replay.py, which applies the same condition when it replays)."""
        out: list[tuple[int, np.ndarray] | None] = [None] * len(claims)
        if not self.checks:
            return out
        asks: list[tuple[int, int, str, str]] = []  # claim, passage, its wording without the "not", hypothesis
        for ci, (claim, hits, alignments) in enumerate(zip(claims, hits_per_claim, alignments_per_claim)):
            if not hits or alignments is None:
                continue
            candidate = denial_candidate(claim.claim, [(h.passage.text, h.passage.start) for h in hits], alignments)
            if candidate is None:
                continue
            own, affirmed_rows = spans[ci]
            if not self.all_denials:
                affirmed = probs[affirmed_rows] if affirmed_rows is not None else None
                rule = deciding_rule(
                    claim,
                    hits,
                    probs[own],
                    alignments,
                    affirmed,
                    self.support_threshold,
                    self.contradict_threshold,
                    facts_per_claim[ci],
                )
                if rule != not_settled.__name__:
                    continue
            asks.append((ci, candidate[0], candidate[1], hypotheses[own.start + candidate[0]]))
        if asks:
            model = self.nli.accurate if isinstance(self.nli, CascadeNLI) else self.nli
            fmt = model_premise_format(model)
            premises = [premise(hits_per_claim[ci][i], fmt, text) for ci, i, text, _ in asks]
            scored = model.score(premises, [hypothesis for *_, hypothesis in asks])
            for (ci, i, _, _), row in zip(asks, scored):
                out[ci] = (i, row)
        return out

    def _second_look(
        self,
        cascade: CascadeNLI,
        probs: np.ndarray,
        spans: list[tuple[slice, slice | None]],
        alignments: list[list[Alignment] | None],
        pairs: tuple[list[Hit], list[str], list[str]],
        decided_by: Callable[[int], str],
    ) -> None:
        """Re-score, with the cascade's accurate model, every pair of the claims whose fast scores
        leave the decision open (see CascadeNLI.needs_second_look), and of the others the pairs a
        verdict of the fast model alone turns on (CascadeNLI.contradiction_rows, support_rows;
        `decided_by`: the rule that decides claim i on the fast scores, asked only of the claims not
        re-scored whole; CascadeNLI.second_look); in place. `pairs`: each scored pair's hit, passage
        wording for the model and hypothesis, in the rows' order."""
        rows: list[int] = []
        restating: list[int] = []  # rows whose accurate scores count only where they state the claim
        for ci, ((own, affirmed_rows), claim_alignments) in enumerate(zip(spans, alignments)):
            affirmed = probs[affirmed_rows] if affirmed_rows is not None else None
            look = cascade.second_look(
                probs[own],
                claim_alignments,
                self.support_threshold,
                self.contradict_threshold,
                affirmed,
                partial(decided_by, ci),
            )
            rows += [own.start + i for i in look.rows]
            restating += [own.start + i for i in look.restating]
            if affirmed_rows is not None:
                rows += [affirmed_rows.start + i for i in look.affirmed]
            cascade.rescored_claims += bool(look)
        cascade.claims_seen += len(spans)
        if rows or restating:
            fmt = model_premise_format(cascade.accurate)  # each model reads premises as it was trained to
            both = rows + restating
            pair_hits, pair_texts, hypotheses = pairs
            premises = [premise(pair_hits[i], fmt, pair_texts[i]) for i in both]
            scored = cascade.rescore(premises, [hypotheses[i] for i in both])
            probs[rows] = scored[: len(rows)]
            if restating:
                probs[restating] = cascade.stated(probs[restating], scored[len(rows) :], self.support_threshold)

    @staticmethod
    def _align(
        claim: str, facts: TextFacts, hits: list[Hit], sources: dict[str, tuple[str, TextFacts]]
    ) -> list[Alignment]:
        out = []
        for h in hits:
            p = h.passage
            text, source = sources.get(p.source_id, ("", TextFacts()))
            out.append(align(claim, facts, text, source, p.start, p.end, p.title))
        return out


def premise(hit: Hit, fmt: PremiseFormat = PLAIN, text: str | None = None) -> str:
    """What the NLI model reads for a passage (`text`: its wording for the model, where that differs,
    facts.restate.plain_figures): for a model trained so (`fmt`, from its card), the article's title
    and dateline first, so a name the headline gives is known to the model."""
    p = hit.passage
    return premise_for(fmt, p.text if text is None else text, p.title, dateline_text(p.dateline, p.published))


T = TypeVar("T")


def claim_groups(
    items: Iterable[T],
    batch_size: int = CLAIM_BATCH,
    is_claim: Callable[[T], bool] = lambda item: isinstance(item, Claim),
) -> Iterator[list[T]]:
    """Items cut into the groups that are verified together, in input order: up to `batch_size`
    claims with the error records between them, an error with no claim waiting before it alone (so
    a file of bad lines streams). The pending list is capped, so memory and time stay linear in the
    number of lines. A claim's verdict may depend on the claims batched with it (retrieval and NLI
    run a group at a time), so every path (single process, Ray) cuts the input by this one rule;
    a group ends where the grouping starts afresh, so any run of whole groups regroups the same."""
    pending: list[T] = []
    waiting = 0  # claims in `pending`
    for item in items:
        claim = is_claim(item)
        if not pending and not claim:
            yield [item]
            continue
        pending.append(item)
        waiting += claim
        if waiting >= batch_size or len(pending) >= 4 * batch_size:
            yield pending
            pending, waiting = [], 0
    if pending:
        yield pending


def verify_group(
    verifier: Verifier, group: list[Claim | ClaimError], batch_size: int = CLAIM_BATCH
) -> Iterator[Verdict | ClaimError]:
    """A group's verdicts and error records, in its order (its claims are verified as one batch)."""
    claims = [item for item in group if isinstance(item, Claim)]
    verdicts = iter(verifier.verify_many(claims, batch_size=batch_size)) if claims else iter(())
    for item in group:
        yield next(verdicts) if isinstance(item, Claim) else item


def verify_items(
    verifier: Verifier, items: Iterable[Claim | ClaimError], batch_size: int = CLAIM_BATCH
) -> Iterator[Verdict | ClaimError]:
    """Verdicts and input errors, in input order; claims are verified a group at a time (claim_groups)."""
    for group in claim_groups(items, batch_size):
        yield from verify_group(verifier, group, batch_size)
