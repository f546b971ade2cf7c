"""Services (PL901-PL929) against the verdicts of the Kubernetes 1.34.1 API server's own code,
and the helpers that model the Service create path.

../shared/corpus/differential holds, among its 3,000 mutated real-world manifests, some 450
Services with what the API server's create path decided (its README). The corpus's own scorer
(../shared/tools/score-differential.py) is run over them: a disagreement must be listed below
with its reason, a listed case must still disagree, and the figures may not drop below what
was reached.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from markers import lint_text
from scoring import SCORER, check_disagreements, score
from podlint.diagnostics import Severity
from podlint.model import ObjectSite
from podlint.paths import FieldPath
from podlint.rules import _ips, _services
from podlint.rules._metadata import OBJECT_META_KINDS, POD_KINDS
from podlint.versions import KubeVersion

# case -> why podlint's verdict differs from the server's. None are left: every scored Service
# case agrees, at the line. (Cases whose verdict depends on the cluster's set-up, such as
# "not configured for dual-stack" or a node port outside 30000-32767, are not scored; podlint
# reports them with the info rule PL929.)
KNOWN_SERVICE_DISAGREEMENTS: dict[str, str] = {}

# the figures reached (issue 15 asks for agree >= 0.995, at the line >= 0.98, clean >= 0.995)
REACHED = {"agree": 1.0, "at_line": 1.0, "clean": 1.0}


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/corpus/differential is not beside the checkout")
def test_services_agree_with_the_api_server(tmp_path: Path) -> None:
    line, report = score(tmp_path, "Service")
    tally = report["tally"]
    assert report["by_kind"]["Service"][0] > 400, line  # the Services are there and scored
    check_disagreements(report, KNOWN_SERVICE_DISAGREEMENTS, line)
    rejected, accepted = tally["rejected"], tally["accepted"]
    agree = (tally["caught"] + tally["clean"]) / (rejected + accepted)
    assert agree >= REACHED["agree"], line
    assert tally["at_line"] / rejected >= REACHED["at_line"], line
    assert tally["clean"] / accepted >= REACHED["clean"], line


# -- the object rules' kinds ---------------------------------------------------------------

def test_object_meta_kinds_are_the_pod_bearing_kinds_the_schema_knows() -> None:
    """PL701 and PL704-PL708 run as object rules on exactly the objects that get a pod site
    (plus Service), so their output on pod-bearing objects is what it was as pod rules."""
    apis = pytest.importorskip("podlint.apis")
    from podlint.workloads import LAYOUTS, api_group

    pairs = {tuple(key.rpartition("/")[::2]) for key in apis.served()} | set(apis.REMOVED)
    expected = {f"{av}/{kind}" for av, kind in pairs if kind in LAYOUTS and api_group(av) in LAYOUTS[kind].groups}
    assert set(POD_KINDS) == expected
    assert OBJECT_META_KINDS == POD_KINDS + ("v1/Service",)


# -- the API server's IP and CIDR parsing --------------------------------------------------

@pytest.mark.parametrize("text,valid", [
    ("10.96.0.1", True), ("010.096.000.001", True), ("1.2.3.0004", True), ("256.1.1.1", False),
    ("1.2.3", False), ("1.2.3.4.", False), ("::", True), ("::1", True), ("2001:db8::ffff", True),
    ("::ffff:1.2.3.4", True), ("2001:db8::00001", True), ("fe80::1%eth0", False), ("1::2::3", False),
    ("None", False), ("", False), (" 10.0.0.1", False), ("1:2:3:4:5:6:7:8", True), ("1:2:3:4:5:6:7:8:9", False),
])
def test_ip_addresses_parse_as_parse_ip_sloppy(text: str, valid: bool) -> None:
    assert (_ips.parse_ip(text) is not None) is valid
    assert (_ips.ip_problems(text, strict=False) == []) is valid


@pytest.mark.parametrize("text,strict_problem", [
    ("010.0.0.1", "must not have leading 0s"), ("::ffff:1.2.3.4", "must not be an IPv4-mapped IPv6 address"),
    ("10.0.0.1", None),
])
def test_strict_ip_validation(text: str, strict_problem) -> None:
    assert _ips.ip_problems(text, strict=True) == ([strict_problem] if strict_problem else [])


@pytest.mark.parametrize("text,valid", [
    ("10.0.0.0/8", True), ("10.1.2.3/16", True), ("10.0.0.0/33", False), ("10.0.0.0", False),
    ("2001:db8::/64", True), ("2001:db8::/129", False), ("10.0.0.0/024", True), ("not-a-cidr", False),
])
def test_cidrs_parse_as_parse_cidr_sloppy(text: str, valid: bool) -> None:
    assert (_ips.cidr_problems(text, strict=False) == []) is valid


@pytest.mark.parametrize("text,special", [
    ("0.0.0.0", True), ("::", True), ("127.0.0.2", True), ("::1", True), ("169.254.169.254", True),
    ("fe80::1", True), ("224.0.0.5", True), ("ff02::1", True), ("::ffff:127.0.0.1", True),
    ("192.0.2.10", False), ("224.0.1.1", False), ("2001:db8::1", False),
])
def test_special_external_ips(text: str, special: bool) -> None:
    assert bool(_ips.special_ip_problems(text)) is special


# -- the create path's defaulting and allocation -------------------------------------------

def _view(spec: dict, k8s: KubeVersion = KubeVersion(34)) -> _services.ServiceView:
    obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": spec}
    view = _services.service(ObjectSite(obj, FieldPath(), k8s))
    assert view is not None
    return view


def test_defaults_are_applied_before_judging() -> None:
    view = _view({"ports": [{"port": 80}, {"port": 81, "targetPort": 0, "protocol": ""}]})
    assert view.type == "ClusterIP" and view.session_affinity == "None"
    assert [(p.protocol, p.target) for p in view.ports] == [("TCP", 80), ("TCP", 81)]
    assert _view({"type": "NodePort", "ports": [{"port": 80}]}).external_traffic_policy == "Cluster"
    assert _view({"ports": [{"port": 80}]}).external_traffic_policy == ""
    assert _view({"externalIPs": ["192.0.2.1"], "ports": [{"port": 80}]}).externally_accessible


def test_cluster_ips_are_normalized_and_the_policy_defaulted() -> None:
    view = _view({"clusterIP": "None", "ports": [{"port": 80}], "selector": {"app": "web"}})
    assert view.cluster_ips == ["None"] and view.headless and view.policy == "SingleStack"
    assert _view({"clusterIP": "None"}).policy == "RequireDualStack"  # headless, no selector
    assert _view({"type": "ExternalName", "externalName": "db.example.com"}).policy is None


def test_node_ports_are_allocated_as_init_node_ports_does() -> None:
    # the same port number shares one node port; another number may not reuse a requested one
    view = _view({"type": "NodePort", "ports": [
        {"name": "a", "port": 53, "protocol": "TCP"}, {"name": "b", "port": 53, "protocol": "UDP", "nodePort": 30053},
        {"name": "c", "port": 80, "nodePort": 30053}, {"name": "d", "port": 81}, {"name": "e", "port": 82}]})
    values, refused, _ = view.node_ports
    assert values[:3] == [30053, 30053, 30053]
    assert values[3] < 0 and values[4] < 0 and values[3] != values[4]
    assert [(r.port.index, r.value, r.problem) for r in refused] == [(2, 30053, "taken")]
    # nothing is allocated for ClusterIP and ExternalName Services
    assert _view({"ports": [{"port": 80, "nodePort": 30080}]}).node_ports.refused == []


def test_a_service_that_does_not_decode_is_not_validated() -> None:
    obj = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"ports": [{"port": "80", "nodePort": 30080}]}}
    assert _services.service(ObjectSite(obj, FieldPath(), KubeVersion(34))) is None


def test_gates_the_release_table_does_not_list() -> None:
    assert not _services.gate(KubeVersion(34), "RelaxedServiceNameValidation")
    assert _services.gate(KubeVersion(36), "RelaxedServiceNameValidation")
    assert _services.gate(KubeVersion(34).with_gates((("RelaxedServiceNameValidation", True),)),
                          "RelaxedServiceNameValidation")
    assert _services.gate(KubeVersion(34), "PreferSameTrafficDistribution")
    assert not _services.gate(KubeVersion(33), "PreferSameTrafficDistribution")


# -- end to end ----------------------------------------------------------------------------

def _errors(text: str, version: str = "1.34") -> list[tuple[str, int]]:
    return sorted((d.rule_id, d.line) for d in lint_text(text, version=KubeVersion.parse(version))
                  if d.severity is Severity.ERROR)


SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
"""


def test_the_issue_examples() -> None:
    assert _errors(SERVICE) == []
    assert _errors(SERVICE.replace("spec:\n", "spec:\n  type: loadBalancer\n")) == [("PL902", 6)]
    assert _errors(SERVICE.replace("port: 80", 'port: 80\n      targetPort: "8080"')) == [("PL909", 9)]
    assert _errors(SERVICE.replace("port: 80", "port: 70000")) == [("PL907", 8), ("PL909", 8)]
    assert _errors(SERVICE.replace("spec:\n", "spec:\n  type: LoadBalancer\n  clusterIP: None\n")) == [("PL918", 7)]
    assert _errors(SERVICE.replace("{app: web}", "{app: -web-}")) == [("PL915", 6)]
    assert _errors(SERVICE.replace("  ports:\n    - port: 80\n", "")) == [("PL903", 5)]
    assert _errors(SERVICE.replace("spec:\n", "spec:\n  externalTrafficPolicy: Local\n")) == [("PL921", 6)]
    assert _errors(SERVICE.replace("port: 80", "port: 80\n      nodePort: 30080")) == [("PL912", 9)]
    assert _errors(SERVICE.replace("name: web", "name: Web")) == [("PL901", 4)]
    two = SERVICE.replace("    - port: 80\n", "    - {name: http, port: 80}\n    - {name: http, port: 81}\n")
    assert _errors(two) == [("PL906", 9)]


def test_cluster_dependent_values_are_info_only() -> None:
    pinned = SERVICE.replace("spec:\n", "spec:\n  type: NodePort\n  clusterIP: 1.2.3.4\n  "
                             "ipFamilyPolicy: RequireDualStack\n").replace("port: 80", "port: 80\n      nodePort: 8080")
    found = lint_text(pinned, version=KubeVersion(34))
    assert {(d.rule_id, d.severity) for d in found} == {("PL929", Severity.INFO)}
    assert len(found) == 3


def test_metadata_rules_check_services() -> None:
    text = SERVICE.replace("name: web\n", "name: web\n  namespace: a.b\n  labels: {app: /x}\n")
    assert _errors(text) == [("PL704", 5), ("PL705", 6)]
