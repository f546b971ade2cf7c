"""Shared helpers of the pod-level rules PL5xx (not a rule: leading underscore).

IP address parsing as the API server does it in each release, and small readers of
pod-level fields that several PL5xx rules need.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding
from podlint.model import PodSite, as_dict, as_list, as_str
from podlint.paths import FieldPath
from podlint.rules._selectors import label_key_problem, label_value_problem
from podlint import lazyre

# StrictIPCIDRValidation (alpha 1.33, beta and on by default from 1.36; not yet in
# podlint/versions.py): IsValidIPForLegacyField then rejects IPv4 octets with leading
# zeros and IPv4-mapped IPv6 addresses; older releases parse with netutils.ParseIPSloppy,
# which ignores leading zeros.
STRICT_IP_FROM = 36

_DOTTED = lazyre.compile(r"(\d+)\.(\d+)\.(\d+)\.(\d+)\Z")


def ip_problem(value: str, strict: bool) -> str:
    """Why `value` is not an IP address for the API server, or "" if it is one."""
    if "%" in value or value != value.strip() or value == "":
        # Go's net.ParseIP takes no zone ("fe80::1%eth0") and no surrounding blanks
        return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    dotted = _DOTTED.match(value)
    if dotted:
        octets = dotted.groups()
        if any(int(o) > 255 for o in octets):
            return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
        if any(len(o) > 1 and o.startswith("0") for o in octets):
            if strict:
                return "must not have leading 0s in IPv4 octets (checked strictly from 1.36)"
        return ""
    import ipaddress  # only for addresses that are not dotted IPv4 (rare in manifests)

    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
    if strict and isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return "must not be an IPv4-mapped IPv6 address (checked strictly from 1.36)"
    return ""


def strict_ip(pod: PodSite) -> bool:
    return pod.k8s.at_least(STRICT_IP_FROM)


def os_name(pod: PodSite) -> Optional[str]:
    """spec.os.name if os is set and the name is a string, else None."""
    os_ = pod.spec.get("os")
    if not isinstance(os_, dict):
        return None
    return as_str(os_.get("name"))



def quoted(value: str) -> str:
    return f'"{value}"'


def node_selector_term_findings(term: Any, path: FieldPath, what: str,
                                check_values: bool) -> Iterator[Finding]:
    """validation.go ValidateNodeSelectorTerm: its matchExpressions and matchFields.

    `check_values` is False for preferred terms (ValidatePreferredSchedulingTerms always
    allows invalid label values).
    """
    if not isinstance(term, dict):
        return
    for j, req in enumerate(as_list(term.get("matchExpressions"))):
        if isinstance(req, dict):
            yield from _node_requirement(req, path / "matchExpressions" / j, f"{what} matchExpressions[{j}]",
                                         check_values)
    for j, req in enumerate(as_list(term.get("matchFields"))):
        if isinstance(req, dict):
            yield from _node_field_requirement(req, path / "matchFields" / j, f"{what} matchFields[{j}]")


def _node_requirement(req: dict, path: FieldPath, label: str, check_values: bool) -> Iterator[Finding]:
    # ValidateNodeSelectorRequirement
    operator = req.get("operator")
    values = as_list(req.get("values"))
    values_path = path / "values" if "values" in req else path / "operator"
    if isinstance(operator, str):
        if operator in ("In", "NotIn"):
            if not values:
                yield Finding(values_path, f'{label} uses operator "{operator}" without values; In and NotIn need '
                                           "at least one value")
        elif operator in ("Exists", "DoesNotExist"):
            if values:
                yield Finding(path / "values", f'{label} uses operator "{operator}" with values; Exists and '
                                               "DoesNotExist take no values")
        elif operator in ("Gt", "Lt"):
            if len(values) != 1:
                yield Finding(values_path, f'{label} uses operator "{operator}" with {len(values)} values; Gt and '
                                           "Lt take exactly one (an integer)")
        else:
            yield Finding(path / "operator", f'{label} operator "{operator}" is not a valid node selector operator; '
                                             "use In, NotIn, Exists, DoesNotExist, Gt or Lt", on_key=False)
    key = as_str(req.get("key"))
    if key is not None:
        problem = label_key_problem(key)
        if problem:
            yield Finding(path / "key", f'{label} key "{key}" is not a valid label key: {problem}', on_key=False)
    if check_values:
        for k, value in enumerate(values):
            text = as_str(value)
            if text is not None:
                problem = label_value_problem(text)
                if problem:
                    yield Finding(path / "values" / k, f'{label} value "{text}" is not a valid label value: '
                                                       f"{problem}", on_key=False)


def _node_field_requirement(req: dict, path: FieldPath, label: str) -> Iterator[Finding]:
    # ValidateNodeFieldSelectorRequirement: only metadata.name, In/NotIn, exactly one
    # value that is a valid node name (DNS subdomain)
    operator = req.get("operator")
    values = as_list(req.get("values"))
    if isinstance(operator, str):
        if operator in ("In", "NotIn"):
            if len(values) != 1:
                yield Finding(path / "values" if "values" in req else path / "operator",
                              f'{label} uses operator "{operator}" with {len(values)} values; a node field selector '
                              "takes exactly one")
        else:
            yield Finding(path / "operator", f'{label} operator "{operator}" is not valid for a node field selector; '
                                             "use In or NotIn", on_key=False)
    key = as_str(req.get("key"))
    if key is not None and key != "metadata.name":
        yield Finding(path / "key", f'{label} key "{key}" is not a valid field selector key; only "metadata.name" '
                                    "is supported", on_key=False)
    elif key == "metadata.name":
        for k, value in enumerate(values):
            text = as_str(value)
            if text is not None and formats.dns1123_subdomain(text):
                yield Finding(path / "values" / k, f'{label} value "{text}" is not a valid node name: it '
                                                   + "; it ".join(formats.dns1123_subdomain(text)), on_key=False)


AFFINITY_KINDS = {"podAffinity": "pod affinity", "podAntiAffinity": "pod anti-affinity"}


def pod_affinity_terms(pod: PodSite) -> Iterator[tuple[dict, FieldPath, str]]:
    """(term, path, label) for every pod (anti-)affinity term, required and weighted."""
    affinity = as_dict(pod.spec.get("affinity"))
    for kind, word in AFFINITY_KINDS.items():
        section = as_dict(affinity.get(kind))
        base = pod.path / "affinity" / kind
        for i, term in enumerate(as_list(section.get("requiredDuringSchedulingIgnoredDuringExecution"))):
            if isinstance(term, dict):
                yield term, base / "requiredDuringSchedulingIgnoredDuringExecution" / i, f"required {word} term {i}"
        for i, weighted in enumerate(as_list(section.get("preferredDuringSchedulingIgnoredDuringExecution"))):
            term = as_dict(weighted).get("podAffinityTerm")
            if isinstance(term, dict):
                yield (term, base / "preferredDuringSchedulingIgnoredDuringExecution" / i / "podAffinityTerm",
                       f"preferred {word} term {i}")


def selector_keys(selector: Any) -> list[str]:
    """Keys a label selector constrains: matchLabels keys, then matchExpressions keys."""
    selector = as_dict(selector)
    keys = [k for k in as_dict(selector.get("matchLabels")) if isinstance(k, str)]
    for expr in as_list(selector.get("matchExpressions")):
        key = as_str(as_dict(expr).get("key"))
        if key is not None:
            keys.append(key)
    return keys
