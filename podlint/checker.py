"""One file at a time: its documents and objects, the schema pass and the rules, then the
suppressions, as a FileResult (all a worker process sends back).

A Checker holds what every file shares (the active rules, their severities); what one file
yields is gathered in a _File made for it and returned, so no state crosses files.
"""

from __future__ import annotations

import itertools
import os
import sys
from typing import TYPE_CHECKING, Iterator, Optional

from podlint import suppress
from podlint.diagnostics import Diagnostic, Finding, Notification, RuleInfo, Severity, Span
from podlint.discover import STDIN, Source
from podlint.load import (UNREADABLE_RULE, YAML_RULE, Document, LoadedFile, Problem, load_bytes, load_file,
                          read_up_to)
from podlint.model import PodSite, Rule, lookup
from podlint.paths import FieldPath
from podlint.record import Record
from podlint import lazyre

if TYPE_CHECKING:
    from podlint.settings import Settings

INTERNAL_RULE = "PL000"  # raised by the checker when a rule or the schema pass fails
UNUSED_SUPPRESSION_RULE = "PW001"  # raised for suppressions that hid nothing
PLACEHOLDER_RULE = "PL007"  # a document meant for envsubst, refused as written
ACCEPTED_PLACEHOLDER_RULE = "PW002"  # a document meant for envsubst, accepted as written
NO_OBJECT = "file:no Kubernetes object"
MAX_MESSAGE = 1000  # characters of a diagnostic's message
MAX_PER_RULE = 100  # diagnostics of one rule on one object; the rest are counted  # Report.skipped key of a walked file with no object
# `helm template` writes "# Source: chart/templates/x.yaml" before each document
_HELM_SOURCE = lazyre.compile(r"#\s*Source:\s*(\S.*)\Z")  # on a line without trailing space


class FileResult(Record):
    """What the report needs from one checked file."""

    __slots__ = ("file", "documents", "unreadable", "notifications", "diagnostics", "source_lines",
                 "suppressed", "objects", "skipped", "checked", "worker_died", "parts", "facts")

    def __init__(self, file: str, documents: int, unreadable: bool, notifications: list[Notification],
                 diagnostics: list[Diagnostic], source_lines: Optional[dict[int, str]],
                 suppressed: int, objects: int = 0, skipped: Optional[dict[str, int]] = None,
                 checked: bool = True) -> None:
        self.file = file
        self.documents = documents
        self.unreadable = unreadable  # could not be read at all: exit code 2
        self.notifications = notifications
        self.diagnostics = diagnostics
        self.source_lines = source_lines  # lines that carry a diagnostic (None: no diagnostic)
        self.suppressed = suppressed  # diagnostics hidden by comments and annotations
        self.objects = objects  # objects of built-in kinds checked
        self.skipped = skipped or {}  # what was not checked, by reason (Report.skipped)
        self.checked = checked  # False: passed over without being read
        self.worker_died = False  # a worker process died before it sent this file's result
        # a rendered kustomize tree or Helm chart: one result per file it was rendered from
        self.parts: list["FileResult"] = []
        self.facts: list = []  # what the cross-document rules need of its objects (crossfile.Facts)


class _File:
    """What checking one file gathers: diagnostics, annotation suppressions, counts."""

    __slots__ = ("loaded", "out", "annotations", "objects", "skipped", "placeholders", "lines", "dollar", "facts")

    def __init__(self, loaded: LoadedFile) -> None:
        self.loaded = loaded
        self.out: list[Diagnostic] = []
        self.annotations: list[suppress.Suppression] = []
        self.objects = 0
        self.skipped: dict[str, int] = {}
        # the current document's placeholders, (Placeholder, counts without a finding) each;
        # None when the file has no "$" at all (placeholders.py is then never imported)
        self.placeholders: Optional[list] = None
        self.lines: Optional[list[str]] = None  # the text's lines, split when first needed
        self.dollar = "$" in loaded.text  # only then may a document hold envsubst placeholders
        self.facts: list = []  # crossfile.Facts of its objects, for the cross-document rules


class Checker:
    """Checks files one at a time against the active rules."""

    def __init__(self, settings: "Settings") -> None:
        from podlint.rules import all_rules

        self.settings = settings
        self.k8s = settings.kubernetes_version
        self._fix_text: Optional[str] = None  # the text of the file being checked, when fixes are made
        self._fix_starts: Optional[list[int]] = None
        self.rules = {r.id: r for r in all_rules()}
        self.names = {r.name: r.id for r in self.rules.values()}
        selection = self.selection = settings.selection
        self.active = {rid for rid, r in self.rules.items()
                       if r.applies_to(self.k8s) and (selection is None or selection.selected(rid))}
        self.severities = {rid: (selection.severity(rid) if selection else None) or r.severity
                           for rid, r in self.rules.items()}
        # an internal error is never hidden: it means podlint did not check something
        self.active.add(INTERNAL_RULE)
        self.severities[INTERNAL_RULE] = Severity.ERROR
        checks: list[Rule] = [r for r in self.rules.values() if r.check and r.id in self.active]
        # (rule, id, check) of the pod-spec rules: the rule loop runs for each on every pod spec
        self._calls = [(rule, rule.id, rule.check) for rule in checks if rule.kinds is None and rule.scope != "set"]
        # the cross-document rules: run once over the whole run's facts (podlint.crossfile)
        self.set_calls = [(rule, rule.id, rule.check) for rule in checks if rule.scope == "set"]
        self.collect_facts = bool(self.set_calls) and settings.cross_file != "off"
        # "apiVersion/Kind" -> (rule, id, check) of the object rules for that kind
        self._object_calls: dict[str, list] = {}
        for rule in checks:
            for key in rule.kinds or ():
                self._object_calls.setdefault(key, []).append((rule, rule.id, rule.check))

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Metadata of the active rules as formatters see it (configured severities)."""
        infos = {}
        for rid in sorted(self.active):
            rule, severity = self.rules[rid], self.severities[rid]
            infos[rid] = RuleInfo(
                rid, rule.name, severity, rule.summary,
                tags=("kubernetes", "correctness" if rule.severity is Severity.ERROR else "reliability"),
            )
        return infos

    def resolve(self, written: str) -> Optional[str]:
        """A rule id or name as written in a suppression -> the rule id, or None."""
        if written.upper() in self.rules:
            return written.upper()
        return self.names.get(written)

    def _allowed(self, rule_id: str, file: str) -> bool:
        if rule_id == INTERNAL_RULE:
            return True
        return rule_id in self.active and (self.selection is None
                                           or self.selection.selected_in(rule_id, file))

    # -- files -----------------------------------------------------------------------

    def check_source(self, source: Source) -> tuple[LoadedFile, FileResult]:
        """Read and check one file."""
        limit = self.settings.max_file_size
        if source.unit is not None:
            from podlint.render import check_unit

            return check_unit(self, source)
        if source.skipped is not None:
            loaded = LoadedFile(source.display, "")
            return loaded, FileResult(source.display, 0, False, [], [], None, 0,
                                      skipped={f"file:{source.skipped}": 1}, checked=False)
        if source.problem is not None:
            loaded = LoadedFile(source.display, "", unreadable=True, read_failed=True)
            loaded.problems.append(Problem(UNREADABLE_RULE, source.problem, Span(1, 1)))
        elif source.path == STDIN:  # read no more than the limit allows: stdin may never end
            loaded = load_bytes(read_up_to(sys.stdin.buffer, limit + 1), source.display, limit)
        else:
            loaded = load_file(source.path, source.display, limit)
        with _Budget(self.settings.file_budget) as budget:
            try:
                return loaded, self.check(loaded, explicit=source.explicit)
            except _OverBudget:
                pass
        return loaded, self._over_budget(loaded, budget.seconds)

    def _over_budget(self, loaded: LoadedFile, seconds: float) -> FileResult:
        message = (f"checking this file took longer than {seconds:g} s (podlint's per-file budget) and "
                   "was stopped; please report it (the file is not checked)")
        d = Diagnostic(INTERNAL_RULE, self.rules[INTERNAL_RULE].name, Severity.ERROR, message,
                       loaded.file, 1, 1)
        return FileResult(loaded.file, len(loaded.documents), False,
                          [Notification(loaded.file, message, INTERNAL_RULE, Severity.ERROR, 1, 1)],
                          [d], None, 0)

    def check_loaded(self, loaded: LoadedFile, explicit: bool = True) -> list[Diagnostic]:
        """The diagnostics of one loaded file (what tests and embedders usually want), the
        file being a set of its own for the cross-document rules."""
        result = self.check(loaded, explicit)
        if result.facts:
            from podlint import crossfile

            crossfile.check_set([result], self, {loaded.file: loaded.text})
        return result.diagnostics

    def allowed(self, rule_id: str, file: Optional[str]) -> bool:
        """Whether `rule_id` runs at all (file None), or in `file`."""
        if file is None:
            return rule_id in self.active
        return self._allowed(rule_id, file)

    def diagnostic(self, rule_id: str, found) -> Diagnostic:
        """A cross-document rule's CrossFinding as a Diagnostic (whether it may be reported
        is the caller's question: `allowed`)."""
        facts = found.facts
        return self._diagnostic(facts.file, rule_id, found.message, found.span, found.path, facts.document,
                                facts.ref)

    def check(self, loaded: LoadedFile, explicit: bool = True) -> FileResult:
        state = _File(loaded)
        # the text fixes are made against (Settings.fixes), its line starts found when first needed
        self._fix_text = loaded.text if self.settings.fixes else None
        self._fix_starts = None
        for problem in loaded.problems:
            self._emit(state.out, loaded.file, problem.rule_id, problem.message, problem.span,
                       None, problem.document, None)
        suppressed = 0
        if not explicit and not loaded.problems and not any(_looks_like_object(d.data) for d in loaded.documents):
            # a walked file with no Kubernetes object at all: values.yaml, CI config
            state.out, state.skipped = [], {NO_OBJECT: 1}
        else:
            for document in loaded.documents:
                self._check_document(state, document)
            state.out, suppressed = self._suppress(state)
            state.out = _name_helm_sources(loaded.text, state.out)
            state.out.sort(key=Diagnostic.sort_key)
        diagnostics = state.out
        lines: Optional[dict[int, str]] = None
        if diagnostics:
            lines = {}
            text_lines = loaded.text.splitlines()
            for d in diagnostics:
                if d.rule_id == "PL003" and not d.path:
                    continue  # not a Kubernetes object at all: whatever the file is, it is not shown
                if 0 < d.line <= len(text_lines):
                    lines[d.line] = text_lines[d.line - 1]
        result = FileResult(loaded.file, len(loaded.documents), loaded.read_failed,
                            list(_notifications(loaded, diagnostics)), diagnostics, lines,
                            suppressed, state.objects, state.skipped)
        result.facts = state.facts
        return result

    def _suppress(self, state: _File) -> tuple[list[Diagnostic], int]:
        """Drop what comments and annotations suppress; report those that hid nothing (PW001)."""
        loaded = state.loaded
        suppressions = suppress.find_comments(loaded.text) + state.annotations
        if not suppressions:
            return state.out, 0
        internal = [d for d in state.out if d.rule_id == INTERNAL_RULE]  # never suppressed
        kept, hidden = suppress.apply([d for d in state.out if d.rule_id != INTERNAL_RULE],
                                      suppressions, self.resolve)
        kept.extend(internal)
        documents = {d.index: d for d in loaded.documents}

        def ran(rule_id: str) -> bool:
            return self._allowed(rule_id, loaded.file)

        for item in suppressions:
            for message in suppress.unused(item, self.resolve, ran):
                if item.kind == "annotation" and item.key_path is not None and item.document in documents:
                    document = documents[item.document]
                    self._emit(kept, loaded.file, UNUSED_SUPPRESSION_RULE, message,
                               document.span(item.key_path), item.key_path, document.index, item.object_ref)
                else:
                    span = Span(item.line, item.column, item.line, item.end_column)
                    self._emit(kept, loaded.file, UNUSED_SUPPRESSION_RULE, message, span, None, None, None)
        return kept, hidden

    # -- documents and objects -------------------------------------------------------

    def _check_document(self, state: _File, document: Document) -> None:
        if not state.dollar:
            self._check_objects(state, document)
            return
        start = len(state.out)
        state.placeholders = []
        try:
            self._check_objects(state, document)
            self._report_placeholders(state, document, start)
        finally:
            state.placeholders = None

    def _report_placeholders(self, state: _File, document: Document, start: int) -> None:
        """One diagnostic for a document that still holds envsubst placeholders, in place of
        the findings they cause: PL007 when the API server refuses some placeholder's value,
        else PW002 (a value it accepts as written, such as an image, but was meant to be
        substituted). Findings elsewhere in the document are kept."""
        found = state.placeholders
        if not found:
            return
        file = state.loaded.file
        caused: list[tuple[Diagnostic, object]] = []
        others: list[Diagnostic] = []
        for d in state.out[start:]:
            cause = None
            if d.path is not None and d.rule_id != INTERNAL_RULE:
                cause = next((p for p, _ in found if d.path[:len(p.path)] == p.path), None)
            if cause is None:
                others.append(d)
            else:
                caused.append((d, cause))
        refused = [(d, p) for d, p in caused if self.rules[d.rule_id].severity is Severity.ERROR]
        counted = {id(p) for p, alone in found if alone} | {id(p) for _, p in caused}
        if refused:
            if not self._allowed(PLACEHOLDER_RULE, file):
                return  # PL007 not selected: the findings stand as they are
            rule_id = PLACEHOLDER_RULE
            anchor = min(refused, key=lambda pair: pair[0].sort_key())[1]
        elif counted and self._allowed(ACCEPTED_PLACEHOLDER_RULE, file):
            rule_id = ACCEPTED_PLACEHOLDER_RULE
            anchor = next(p for p, _ in found if id(p) in counted)
        else:
            return  # PW002 not selected (or nothing counts): the findings stand as they are
        more = len(counted - {id(anchor)})
        hidden = len(caused)
        if rule_id == PLACEHOLDER_RULE:
            what = "the API server refuses the value as written"
        else:
            what = "the API server accepts the value as written, but it was meant to be replaced"
        message = (f"unsubstituted placeholder {anchor.text}: {what}; substitute the variables first "
                   "(envsubst) and check the result"
                   + (f"; {more} more placeholder{'' if more == 1 else 's'} in this document" if more else "")
                   + (f"; {hidden} finding{'' if hidden == 1 else 's'} about placeholder values not shown"
                      if hidden else ""))
        del state.out[start:]
        state.out.extend(others)
        self._emit(state.out, file, rule_id, message, self._placeholder_span(state, document, anchor),
                   anchor.path, document.index, _object_ref(document.data))

    def _placeholder_span(self, state: _File, document: Document, placeholder) -> Span:
        """The placeholder's own columns on its line (the value's start when it is not there:
        an escaped or folded scalar)."""
        span = document.span(placeholder.path, placeholder.on_key)
        if state.lines is None:
            state.lines = state.loaded.text.splitlines()
        if 0 < span.line <= len(state.lines):
            at = state.lines[span.line - 1].find(placeholder.text, max(span.column - 1, 0))
            if at >= 0:
                return Span(span.line, at + 1, span.line, at + 1 + len(placeholder.text))
        return span

    def _collect_placeholders(self, state: _File, obj: object, base: FieldPath, alone: bool) -> None:
        """Note the placeholders of an object (`alone`: they count without a finding, in
        kinds whose fields podlint knows: pod-bearing kinds, Services, pod templates)."""
        from podlint.placeholders import find_placeholders

        if isinstance(obj, dict):
            state.placeholders.extend((p, alone and p.certain) for p in find_placeholders(obj, base))

    def _check_objects(self, state: _File, document: Document) -> None:
        out = state.out
        data = document.data
        if not isinstance(data, dict):
            # the value itself is not shown: a named file may be anything (a token, a key)
            what = "a list" if isinstance(data, list) else f"a scalar ({_describe_scalar(data)})"
            self._at(out, document, "PL003", FieldPath(),
                     f"document is {what}, not a Kubernetes object (a mapping with apiVersion and kind)")
            return
        if not _looks_like_object(data):
            return  # not meant as a Kubernetes object (e.g. a kustomize patch or values file)
        kind = data.get("kind")
        items = data.get("items")
        if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
            if not self._check_identity(document, data, FieldPath(), out):
                return
            for i, item in enumerate(items):
                path = FieldPath(("items", i))
                if not isinstance(item, dict):
                    self._at(out, document, "PL003", path,
                             f"item {i} of the {kind} is not a Kubernetes object", on_key=False)
                elif self._check_identity(document, item, path, out):
                    self._check_object(state, document, item, path)
            return
        if self._check_identity(document, data, FieldPath(), out):
            self._check_object(state, document, data, FieldPath())

    def _check_identity(self, document: Document, obj: dict, base: FieldPath, out: list[Diagnostic]) -> bool:
        ok = True
        for key in ("apiVersion", "kind"):
            value = obj.get(key)
            if value is None or value == "":
                self._at(out, document, "PL003", base,
                         f'object is missing "{key}"; every Kubernetes object needs apiVersion and kind')
                ok = False
            elif not isinstance(value, str):
                self._at(out, document, "PL003", base / key,
                         f"{key} must be a string, got {_describe(value)}", on_key=False)
                ok = False
        return ok

    def _check_object(self, state: _File, document: Document, obj: dict, base: FieldPath) -> None:
        from podlint import schema
        from podlint.model import ObjectSite
        from podlint.workloads import find_pod_sites, layout_for

        out = state.out
        ref = _object_ref(obj)
        if not schema.is_built_in_group(obj["apiVersion"]) and not os.environ.get("PODLINT_NO_SCHEMA"):
            layout = self._custom_layout(obj)
            if layout is not None:
                self._check_custom(state, document, obj, base, layout, ref)
                return
            key = f"kind:{obj['kind']}"  # a custom resource: its schema is the cluster's
            state.skipped[key] = state.skipped.get(key, 0) + 1
            state.annotations.extend(suppress.find_annotations(document.index, obj, base, [], ref))
            return
        state.objects += 1
        if state.placeholders is not None:
            known = obj["kind"] == "Service" or layout_for(obj["apiVersion"], obj["kind"]) is not None
            self._collect_placeholders(state, obj, base, known)
        if document.nulls:  # checks judge what the server decodes: each null a zero value
            obj = schema.decoded(obj, self.k8s)
        sites = list(find_pod_sites(obj, self.k8s, base))
        templates = [site.path.parent for site in sites if site.template_metadata is not None]
        state.annotations.extend(suppress.find_annotations(document.index, obj, base, templates, ref))
        for rule_id, finding in self._schema_findings(obj, base, document, out):
            if rule_id == "PL006":
                sites = []  # no such type: kubectl stops there, and its pod spec means nothing
            if rule_id in self.active:
                self._finding(out, document, rule_id, finding, ref)
        object_calls = self._object_calls.get(f"{obj.get('apiVersion')}/{obj.get('kind')}")
        if object_calls:
            self._run(object_calls, ObjectSite(obj, base, self.k8s), document, out, ref)
        if self.collect_facts:
            self._facts(state, obj, document, sites, ref, base)
        for site in sites:
            self._run(self._calls, site, document, out, ref)
            site.release()

    def _facts(self, state: _File, obj: dict, document: Document, sites: list, ref: Optional[str],
               base: FieldPath) -> None:
        from podlint import crossfile

        try:
            facts = crossfile.facts_of(obj, document, sites, ref, base, document.file)
        except Exception as err:  # the cross-document pass is podlint's code too
            self._at(state.out, document, INTERNAL_RULE, base,
                     f"reading this object for the cross-document rules failed: {type(err).__name__}: "
                     f"{err}; please report it (--debug shows the traceback)")
            return
        if facts is not None:
            state.facts.append(facts)

    def _custom_layout(self, obj: dict):
        """The layout of a custom resource's pod template (pod-templates), or None."""
        from podlint.workloads import BUILT_IN_TEMPLATES, custom_layout_for

        table = self.settings.pod_templates
        return custom_layout_for(BUILT_IN_TEMPLATES if table is None else table, obj["apiVersion"], obj["kind"])

    def _check_custom(self, state: _File, document: Document, obj: dict, base: FieldPath, layout,
                      ref: Optional[str]) -> None:
        """A custom resource with a pod template: the template gets the schema pass of its core
        type and every pod-spec rule; the rest of the object is the cluster's to validate."""
        from podlint import schema
        from podlint.workloads import find_pod_sites

        node = lookup(obj, *layout.template)
        # counted apart: only its pod template was checked (or nothing, without a template)
        key = f"{'kind' if node is None else 'template'}:{obj['kind']}"
        state.skipped[key] = state.skipped.get(key, 0) + 1
        path = base.join(*layout.template)
        if node is not None and document.nulls:
            obj = _replaced(obj, layout.template, schema.decoded_value(node, layout.custom_type, self.k8s))
        sites = list(find_pod_sites(obj, self.k8s, base, layout))
        templates = [site.path.parent for site in sites if site.template_metadata is not None]
        state.annotations.extend(suppress.find_annotations(document.index, obj, base, templates, ref))
        if node is None:
            return  # no template (an Argo Rollout with spec.workloadRef)
        if state.placeholders is not None:
            self._collect_placeholders(state, node, path, True)
        out = state.out
        try:
            found = schema.check_value(node, layout.custom_type, self.k8s, path)
        except Exception as err:
            if self.settings.debug:
                _print_traceback()
            self._at(out, document, INTERNAL_RULE, path,
                     f"schema check failed on this pod template: {type(err).__name__}: {err}; please report it")
            found = []
        for rule_id, finding in found:
            if rule_id in self.active:
                self._finding(out, document, rule_id, finding, ref)
        if self.collect_facts:
            self._facts(state, obj, document, sites, ref, base)
        for site in sites:
            self._run(self._calls, site, document, out, ref)
            site.release()

    def _run(self, calls: list, site, document: Document, out: list[Diagnostic],
             ref: Optional[str]) -> None:
        """Rules on one site; a rule that fails is reported (PL000), and the others still run."""
        finding_at = self._finding
        for rule, rule_id, check in calls:
            count = 0
            shown: list[Finding] = []
            try:
                for finding in check(site):
                    count += 1
                    if count <= MAX_PER_RULE:
                        shown.append(finding)
                        finding_at(out, document, rule_id, finding, ref)
                    elif count >= 100 * MAX_PER_RULE:
                        break  # counting on would be work without end
            except Exception as err:
                if self.settings.debug:
                    _print_traceback()
                views = site.visited_containers if isinstance(site, PodSite) else []
                if len(views) < 2:
                    self._at(out, document, INTERNAL_RULE, site.path,
                             f"rule {rule.id} ({rule.name}) failed on this object: "
                             f"{type(err).__name__}: {err}; please report it (--debug shows the traceback)")
                else:  # contain the failure: the rule again, one container at a time
                    self._per_container(rule, check, site, views, document, out, ref, set(shown))
            if count > MAX_PER_RULE:
                more = f"{count - MAX_PER_RULE:,}" + ("+" if count >= 100 * MAX_PER_RULE else "")
                self._at(out, document, rule_id, site.path,
                         f"... and {more} more {rule_id} findings in this object, not shown")

    def _per_container(self, rule: Rule, check, site: "PodSite", views: list, document: Document,
                       out: list[Diagnostic], ref: Optional[str], seen: set[Finding]) -> None:
        """A rule that failed on the pod, run on each container alone: findings where it
        works, PL000 at the container where it fails (a finding already reported, or one of
        the pod itself found again for each container, is kept once)."""
        for view in views:
            try:
                found = list(itertools.islice(check(site.only(view)), MAX_PER_RULE))
            except Exception as err:
                self._at(out, document, INTERNAL_RULE, view.path,
                         f"rule {rule.id} ({rule.name}) failed on {view.label}: "
                         f"{type(err).__name__}: {err}; please report it (--debug shows the traceback)")
                continue
            for finding in found:
                if finding not in seen:
                    seen.add(finding)
                    self._finding(out, document, rule.id, finding, ref)

    def _schema_findings(self, obj: dict, base: FieldPath, document: Document,
                         out: list[Diagnostic]) -> list[tuple[str, Finding]]:
        if os.environ.get("PODLINT_NO_SCHEMA"):  # for rule development and debugging
            return []
        from podlint import schema

        try:
            return schema.check_object(obj, self.k8s, base)
        except Exception as err:
            if self.settings.debug:
                _print_traceback()
            self._at(out, document, INTERNAL_RULE, base,
                     f"schema check failed on this object: {type(err).__name__}: {err}; please report it")
            return []

    # -- diagnostics -----------------------------------------------------------------

    def _finding(self, out: list[Diagnostic], document: Document, rule_id: str,
                 finding: Finding, ref: Optional[str]) -> None:
        span = document.span(finding.path, finding.on_key)
        fix = None
        if finding.fix is not None and self._fix_text is not None:
            fix = self._fix_of(document, finding)
        self._emit(out, document.file, rule_id, finding.message, span, finding.path, document.index, ref, fix)

    def _fix_of(self, document: Document, finding: Finding):
        """The finding's fix intent as text edits (podlint.fixedits), or None."""
        from podlint import fixedits

        text = self._fix_text
        if self._fix_starts is None:
            self._fix_starts = fixedits.line_starts(text)
        return fixedits.fix_for(finding.fix, finding.path, document.pos, document.data, text, self._fix_starts)

    def _at(self, out: list[Diagnostic], document: Document, rule_id: str, path: FieldPath,
            message: str, on_key: bool = True) -> None:
        self._finding(out, document, rule_id, Finding(path, message, on_key), _object_ref(document.data))

    def _emit(self, out: list[Diagnostic], file: str, rule_id: str, message: str, span: Span,
              path: Optional[FieldPath], document: Optional[int], ref: Optional[str], fix=None) -> None:
        if self._allowed(rule_id, file):
            out.append(self._diagnostic(file, rule_id, message, span, path, document, ref, fix))

    def _diagnostic(self, file: str, rule_id: str, message: str, span: Span, path: Optional[FieldPath],
                    document: Optional[int], ref: Optional[str], fix=None) -> Diagnostic:
        if len(message) > MAX_MESSAGE:  # a message quotes values: it must not grow with them
            message = message[:MAX_MESSAGE // 2] + " ... " + message[-MAX_MESSAGE // 4:]
        rule = self.rules[rule_id]
        return Diagnostic(rule_id, rule.name, self.severities[rule_id], message, file, span.line,
                          span.column, span.end_line, span.end_column, path, document, ref, None, fix)


def _name_helm_sources(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Name the Helm template behind each diagnostic of `helm template` output."""
    if "Source:" not in text or not diagnostics:
        return diagnostics
    by_line: list[Optional[str]] = []
    current: Optional[str] = None
    for line in text.splitlines():
        if line.startswith("---"):
            current = None  # a new document: its own "# Source:" follows
        match = _HELM_SOURCE.match(line.rstrip()) if line.startswith("#") else None
        if match:
            current = match.group(1)
        by_line.append(current)
    named = []
    for d in diagnostics:
        source = by_line[d.line - 1] if 0 < d.line <= len(by_line) else None
        if source and d.source is None:
            d = d._replace(source=source, message=f"{d.message} (from {source})")
        named.append(d)
    return named

def _replaced(obj: dict, keys: tuple[str, ...], value: object) -> dict:
    """A copy of `obj` with the value at `keys` replaced (the dicts along the way copied)."""
    copy = dict(obj)
    node = copy
    for key in keys[:-1]:
        node[key] = dict(node[key])
        node = node[key]
    node[keys[-1]] = value
    return copy

def _looks_like_object(data: object) -> bool:
    return isinstance(data, dict) and ("apiVersion" in data or "kind" in data)

def _object_ref(obj: object) -> Optional[str]:
    if not isinstance(obj, dict):
        return None
    kind = obj.get("kind")
    metadata = obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    if isinstance(kind, str) and isinstance(name, str):
        return f"{kind}/{name}"
    return kind if isinstance(kind, str) else None

def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(value)

def _notifications(loaded: LoadedFile, diagnostics: list[Diagnostic]) -> Iterator[Notification]:
    """Files that could not be read or parsed, and internal errors, whatever was selected."""
    for problem in loaded.problems:
        if problem.rule_id in (YAML_RULE, UNREADABLE_RULE):
            yield Notification(loaded.file, problem.message, problem.rule_id, Severity.ERROR,
                               problem.span.line, problem.span.column)
    for d in diagnostics:
        if d.rule_id == INTERNAL_RULE:
            yield Notification(d.file, d.message, d.rule_id, Severity.ERROR, d.line, d.column)

def _print_traceback() -> None:
    import traceback  # only with --debug

    traceback.print_exc()


class _OverBudget(BaseException):
    """Raised in the checking thread when a file has used up its time (not an Exception, so
    the rules' own error handling cannot swallow it)."""


class _Budget:
    """A timer on the checking of one file (SIGALRM; main thread on POSIX only)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = False

    def __enter__(self) -> "_Budget":
        import signal  # a built-in module: nothing to load

        if self.seconds > 0 and hasattr(signal, "setitimer"):
            try:
                self.previous = signal.signal(signal.SIGALRM, self._expire)
            except ValueError:  # not the main thread: no budget there
                return self
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            self.armed = True
        return self

    def _expire(self, number: int, frame) -> None:
        raise _OverBudget()

    def __exit__(self, *exc) -> None:
        if self.armed:
            import signal

            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)


def _describe_scalar(value: object) -> str:
    if isinstance(value, str):
        return f"a string of {len(value)} character{'' if len(value) == 1 else 's'}"
    if isinstance(value, bool):
        return "a boolean"
    return "a number" if isinstance(value, (int, float)) else type(value).__name__
