"""A v1 Service as the API server validates it on create, for the PL9xx rules.

Not a rule (leading underscore). `service(site)` gives the ServiceView of an ObjectSite: the
object after what the create path does before it judges (Kubernetes 1.34):

1. decoding with the v1 defaults (pkg/apis/core/v1/defaults.go SetDefaults_Service): type
   ClusterIP, protocol TCP, targetPort = port, sessionAffinity None (its config dropped),
   ClientIP timeout 10800 s, externalTrafficPolicy Cluster for externally-accessible Services,
   internalTrafficPolicy Cluster for ClusterIP/NodePort/LoadBalancer,
   allocateLoadBalancerNodePorts true for LoadBalancer;
2. the REST storage's beginCreate (pkg/registry/core/service/storage): normalizeClusterIPs
   (clusterIPs = [clusterIP] when only clusterIP is set), then allocateCreate:
   initIPFamilyFields (ipFamilyPolicy SingleStack by default, RequireDualStack for a headless
   Service without selector; ValidateServiceClusterIPsRelatedFields; the policy checks), the
   cluster IP and the node ports allocated (initNodePorts: ports with the same port number
   share one node port);
3. the strategy's PrepareForCreate (dropServiceDisabledFields: trafficDistribution without
   its gate) and ValidateServiceCreate (pkg/apis/core/validation/validation.go ValidateService).

What depends on how a cluster is set up (its Service IP range, node-port range, IP
families) is not an error here: SERVICE_CIDR and NODE_PORT_RANGE are what PL929 assumes.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Iterator, NamedTuple, Optional

from podlint.model import ObjectSite, as_dict, as_int, as_list, as_str, view_cache
from podlint.paths import FieldPath
from podlint.rules._ips import is_ipv4
from podlint.versions import KubeVersion

KINDS = ("v1/Service",)

TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
PROTOCOLS = ("SCTP", "TCP", "UDP")
AFFINITIES = ("ClientIP", "None")
TRAFFIC_POLICIES = ("Cluster", "Local")
IP_FAMILIES = ("IPv4", "IPv6")
IP_FAMILY_POLICIES = ("PreferDualStack", "RequireDualStack", "SingleStack")
MAX_AFFINITY_SECONDS = 86400  # core.MaxClientIPServiceAffinitySeconds
TOPOLOGY_HINTS_KEY = "service.kubernetes.io/topology-aware-hints"  # deprecated
TOPOLOGY_MODE_KEY = "service.kubernetes.io/topology-mode"
SOURCE_RANGES_KEY = "service.beta.kubernetes.io/load-balancer-source-ranges"

# What a cluster set up by kubeadm, kind or minikube uses (kube-apiserver's defaults for
# --service-node-port-range; kubeadm's --service-cluster-ip-range): single-stack IPv4.
SERVICE_CIDR = (0x0A600000, 12)  # 10.96.0.0/12 as (network, prefix length)
NODE_PORT_RANGE = (30000, 32767)

def gate(k8s: KubeVersion, name: str) -> bool:
    """Whether a feature gate of the Service code is on (versions.GATES_ON_FROM, with the
    cluster's --feature-gates)."""
    return k8s.gate(name)


def quoted(values: tuple[str, ...] | list[str]) -> str:
    """How NotSupported lists the supported values: "A", "B"."""
    return ", ".join(f'"{v}"' for v in values)


# -- IP addresses and CIDRs as the API server parses them ---------------------------------
# netutils.ParseIPSloppy / ParseCIDRSloppy are Go 1.16's net.ParseIP / ParseCIDR: IPv4 octets
# may have leading zeros, IPv6 groups any number of hex digits up to 0xFFFF, no zones.


def in_default_service_range(ip: bytes) -> bool:
    network, bits = SERVICE_CIDR
    return is_ipv4(ip) and int.from_bytes(ip[12:], "big") >> (32 - bits) == network >> (32 - bits)


# -- the Service ---------------------------------------------------------------------------

_UNSET = 0  # a zero int32: an absent port, targetPort or nodePort
_INT32 = (-2**31, 2**31 - 1)


def int32(value: Any) -> Optional[int]:
    """The int32 the decoder reads (0 when absent); None for a value it cannot decode."""
    if value is None:
        return _UNSET
    number = as_int(value)
    if number is None or not _INT32[0] <= number <= _INT32[1]:
        return None
    return number


class Port(NamedTuple):
    """One entry of spec.ports after defaulting; None where the value cannot be decoded
    (the schema pass reports it)."""

    index: int
    path: FieldPath
    raw: dict
    name: Optional[str]
    port: Optional[int]
    protocol: Optional[str]
    target: Any  # int, str, or None
    node_port: Optional[int]
    app_protocol: Optional[str]

    @property
    def label(self) -> str:
        """How messages name it: 'port 1 ("http")'."""
        return f'port {self.index} ("{self.name}")' if self.name else f"port {self.index}"

    def key(self) -> tuple:
        return (self.protocol, self.port)


def _port(index: int, raw: dict, path: FieldPath) -> Port:
    name = raw.get("name")
    name = "" if name is None else as_str(name)
    # an absent port is the schema pass's (PL012: required), and so is what follows from it
    port = int32(raw["port"]) if raw.get("port") is not None else None
    protocol = raw.get("protocol")
    protocol = "TCP" if protocol is None or protocol == "" else as_str(protocol)
    target = raw.get("targetPort")
    if target is None or target == "" or target == 0:
        target = port  # SetDefaults_Service: targetPort = port
    elif not isinstance(target, str):
        target = int32(target)
    node_port = int32(raw.get("nodePort"))
    app = raw.get("appProtocol")
    return Port(index, path, raw, name, port, protocol, target, node_port,
                None if app is None else as_str(app))


class Allocation(NamedTuple):
    """A node port the allocator is asked for that it refuses (initNodePorts)."""

    port: Port
    value: int
    problem: str  # "range": outside 1-65535; "taken": already given to another port


class ServiceView:
    """The Service as ValidateService sees it (see the module docstring)."""

    def __init__(self, site: ObjectSite) -> None:
        # no reference to `site`: the view is cached on it (model.view_cache)
        self.k8s = site.k8s
        self.path = site.path
        self.meta_path = site.path / "metadata"
        self.spec_path = site.path / "spec"
        self.metadata = site.metadata
        raw = self.raw = site.spec
        kind = raw.get("type")
        self.type: Optional[str] = "ClusterIP" if kind is None or kind == "" else as_str(kind)
        self.ports = [_port(i, item, self.spec_path / "ports" / i)
                      for i, item in enumerate(as_list(raw.get("ports"))) if isinstance(item, dict)]
        self.ports_count = len(as_list(raw.get("ports")))
        selector = raw.get("selector")
        self.selector: dict = as_dict(selector)
        self.cluster_ip = as_str(raw.get("clusterIP")) or ""
        ips = [ip for ip in as_list(raw.get("clusterIPs")) if isinstance(ip, str)]
        if self.cluster_ip and not ips:
            ips = [self.cluster_ip]  # normalizeClusterIPs
        self.cluster_ips: list[str] = ips
        self.external_ips = as_list(raw.get("externalIPs"))
        affinity = raw.get("sessionAffinity")
        self.session_affinity = "None" if affinity is None or affinity == "" else as_str(affinity)
        etp = raw.get("externalTrafficPolicy")
        self.external_traffic_policy = "" if etp is None else as_str(etp)
        if self.externally_accessible and self.external_traffic_policy == "":
            self.external_traffic_policy = "Cluster"
        self.internal_traffic_policy = raw.get("internalTrafficPolicy")  # None: unset
        self.health_check_node_port = int32(raw.get("healthCheckNodePort"))
        self.ip_families = raw.get("ipFamilies")
        self.ip_family_policy = raw.get("ipFamilyPolicy")  # None: unset
        allocate = raw.get("allocateLoadBalancerNodePorts")
        self.allocate_lb_node_ports_set = allocate is not None
        self.allocate_lb_node_ports = allocate is not False

    # -- derived ---------------------------------------------------------------------------

    @property
    def headless(self) -> bool:
        """isHeadlessService: clusterIPs is exactly ["None"]."""
        return self.cluster_ips == ["None"]

    @property
    def externally_accessible(self) -> bool:
        """pkg/api/service ExternallyAccessible."""
        return self.type in ("LoadBalancer", "NodePort") or (
            self.type == "ClusterIP" and len(self.external_ips) > 0)

    @property
    def needs_health_check(self) -> bool:
        """NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local."""
        return self.type == "LoadBalancer" and self.external_traffic_policy == "Local"

    @property
    def allocates_node_ports(self) -> bool:
        """Node ports are allocated for NodePort and LoadBalancer Services."""
        return self.type in ("NodePort", "LoadBalancer")

    @cached_property
    def families(self) -> list[str]:
        """spec.ipFamilies as strings (wrong types left out)."""
        return [f for f in as_list(self.ip_families) if isinstance(f, str)]

    @cached_property
    def policy(self) -> Optional[str]:
        """ipFamilyPolicy after initIPFamilyFields (None for ExternalName or a wrong type)."""
        if self.type == "ExternalName":
            return None
        if self.ip_family_policy is not None:
            return as_str(self.ip_family_policy)
        if self.cluster_ip == "None" and not self.selector:
            return "RequireDualStack"  # headless and selectorless
        return "SingleStack"

    def where_cluster_ips(self, index: Optional[int] = None) -> FieldPath:
        """Where a finding the server puts at spec.clusterIPs[index] goes: there when the
        manifest writes clusterIPs, else at the clusterIP it was made from."""
        if "clusterIPs" in self.raw:
            path = self.spec_path / "clusterIPs"
            return path if index is None else path / index
        return self.spec_path / "clusterIP"

    @cached_property
    def node_ports(self) -> "NodePorts":
        """Each port's node port after allocation (initNodePorts), and the requests refused.

        Ports with the same port number share one node port; an allocated one is a unique
        negative stand-in (its number depends on the cluster). Outside NodePort and
        LoadBalancer Services nothing is allocated.
        """
        values: list[Optional[int]] = [p.node_port for p in self.ports]
        refused: list[Allocation] = []
        taken: set[int] = set()
        if not self.allocates_node_ports:
            return NodePorts(values, refused, taken)
        allocate_new = self.type == "NodePort" or self.allocate_lb_node_ports
        by_port: dict[int, int] = {}
        fresh = 0

        def request(port: Port, value: int) -> None:
            if not 1 <= value <= 65535:
                refused.append(Allocation(port, value, "range"))
            elif value in taken:
                refused.append(Allocation(port, value, "taken"))
            else:
                taken.add(value)

        for i, port in enumerate(self.ports):
            if port.port is None or port.node_port is None:
                continue
            if port.node_port == 0 and not allocate_new:
                continue
            shared = by_port.get(port.port, 0)
            if shared == 0:
                requested = next((p.node_port for p in self.ports if p.port == port.port and p.node_port), 0)
                if requested:
                    request(port, requested)
                    values[i] = by_port[port.port] = requested
                else:
                    fresh -= 1
                    values[i] = by_port[port.port] = fresh
            elif port.node_port != shared:
                if port.node_port == 0:
                    values[i] = shared
                else:
                    request(port, port.node_port)
        return NodePorts(values, refused, taken)

    @property
    def health_check_port_taken(self) -> bool:
        """allocHealthCheckNodePort: the requested healthCheckNodePort is one of the node
        ports just requested for this Service's ports (the same allocation operation)."""
        hc = self.health_check_node_port
        return bool(self.needs_health_check and hc and hc in self.node_ports.taken)


class NodePorts(NamedTuple):
    values: list  # per port: the node port after allocation (negative: allocated, any number)
    refused: list  # Allocation
    taken: set  # the node port numbers requested and granted


def service(site: ObjectSite) -> Optional[ServiceView]:
    """The ServiceView of `site`, built once for all the rules that look at it; None when
    the API server cannot even decode the object (an unknown field, a value of the wrong
    type: the schema pass reports it, and the server then validates nothing)."""
    cache = view_cache(site)
    if "service" not in cache:
        cache["service"] = ServiceView(site) if _decodes(site.obj) else None
    return cache["service"]


def cluster_service(site: ObjectSite) -> Optional[ServiceView]:
    """The ServiceView of a Service that gets cluster IPs: None for one the server cannot
    decode and for an ExternalName Service (its own rule, PL926, judges it)."""
    svc = service(site)
    return None if svc is None or svc.type == "ExternalName" else svc


# ServiceSpec and ServicePort fields (k8s.io/api/core/v1) and the JSON types they decode from
_T_STRING, _T_INT32, _T_BOOL, _T_STRINGS, _T_MAP, _T_INT_OR_STRING = range(6)
_SPEC_TYPES = {
    "type": _T_STRING, "clusterIP": _T_STRING, "clusterIPs": _T_STRINGS, "selector": _T_MAP,
    "externalIPs": _T_STRINGS, "sessionAffinity": _T_STRING, "loadBalancerIP": _T_STRING,
    "loadBalancerSourceRanges": _T_STRINGS, "externalName": _T_STRING, "externalTrafficPolicy": _T_STRING,
    "healthCheckNodePort": _T_INT32, "publishNotReadyAddresses": _T_BOOL, "ipFamilies": _T_STRINGS,
    "ipFamilyPolicy": _T_STRING, "allocateLoadBalancerNodePorts": _T_BOOL, "loadBalancerClass": _T_STRING,
    "internalTrafficPolicy": _T_STRING, "trafficDistribution": _T_STRING,
}
_OBJECT_KEYS = frozenset(("apiVersion", "kind", "metadata", "spec", "status"))
_META_KEYS = frozenset((
    "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
    "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
    "ownerReferences", "finalizers", "managedFields"))
_SPEC_KEYS = frozenset(("ports", "sessionAffinityConfig", *_SPEC_TYPES))
_PORT_TYPES = {"name": _T_STRING, "protocol": _T_STRING, "appProtocol": _T_STRING, "port": _T_INT32,
               "targetPort": _T_INT_OR_STRING, "nodePort": _T_INT32}
_PORT_KEYS = frozenset(_PORT_TYPES)


def _decodable(value: Any, kind: int) -> bool:
    if value is None:
        return True  # null: the zero value
    if kind == _T_STRING:
        return isinstance(value, str)
    if kind == _T_BOOL:
        return isinstance(value, bool)
    if kind == _T_INT32 or kind == _T_INT_OR_STRING:
        if kind == _T_INT_OR_STRING and isinstance(value, str):
            return True
        return int32(value) is not None
    if kind == _T_STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _decodes(obj: dict) -> bool:
    """Whether strict decoding into a v1 Service succeeds: no unknown field and no value of
    the wrong type (a quoted port, a number for a string). Either fails the whole object,
    which the schema pass reports (PL010, PL011), and the server then validates nothing."""
    if not _OBJECT_KEYS.issuperset(obj) or not _META_KEYS.issuperset(as_dict(obj.get("metadata"))):
        return False
    spec = obj.get("spec")
    if spec is None:
        return True
    if not isinstance(spec, dict) or not _SPEC_KEYS.issuperset(spec):
        return False
    for key, kind in _SPEC_TYPES.items():
        if not _decodable(spec.get(key), kind):
            return False
    ports = spec.get("ports")
    if ports is not None:
        if not isinstance(ports, list):
            return False
        for port in ports:
            if not isinstance(port, dict) or not _PORT_KEYS.issuperset(port):
                return False
            if not all(_decodable(port.get(key), kind) for key, kind in _PORT_TYPES.items()):
                return False
    config = spec.get("sessionAffinityConfig")
    if config is None:
        return True
    if not isinstance(config, dict) or not config.keys() <= {"clientIP"}:
        return False
    client = config.get("clientIP")
    return client is None or (isinstance(client, dict) and client.keys() <= {"timeoutSeconds"}
                              and _decodable(client.get("timeoutSeconds"), _T_INT32))


def undecodable_target_ports(site: ObjectSite) -> Iterator[tuple[int, FieldPath, int]]:
    """(index, path, value) of integer targetPorts beyond int32: the decoder refuses them,
    but the OpenAPI schema (int-or-string, no range) does not say so."""
    for i, port in enumerate(as_list(site.spec.get("ports"))):
        target = as_dict(port).get("targetPort")
        if not isinstance(target, str) and as_int(target) is not None and int32(target) is None:
            yield i, site.path / "spec" / "ports" / i / "targetPort", as_int(target)


def string_items(values: Any) -> Iterator[tuple[int, str]]:
    """(index, value) of the strings of a list (wrong types left to the schema pass)."""
    for i, value in enumerate(as_list(values)):
        if isinstance(value, str):
            yield i, value
