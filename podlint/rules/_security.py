"""securityContext checks shared by the container (PL471-PL476) and pod-level (PL518, PL523) rules.

Not a rule (leading underscore). Each `check_*` function takes the field's value as
written (any type: wrong types are the schema pass's), the FieldPath of that field and
`owner`, how messages name the security context ('container "app"', 'pod'), and yields
Findings exactly where validation.go would reject the value.
"""

from __future__ import annotations

from typing import Any, Iterator

from podlint.rules import _formats as formats
from podlint.diagnostics import Finding
from podlint.model import as_dict, as_int, as_str
from podlint.paths import FieldPath
from podlint.versions import KubeVersion
from podlint import lazyre

# -- user and group IDs (apimachinery validation.go IsValidUserID / IsValidGroupID) --------

MAX_ID_INT32 = 2**31 - 1  # math.MaxInt32: every release up to and including 1.36
MAX_ID_UINT32 = 2**32 - 1  # 0xffffffff: the apimachinery snapshot after 1.36
UINT32_ID_FROM_MINOR = 37


def max_id(k8s: KubeVersion) -> int:
    """The largest UID/GID the API server accepts in the release."""
    return MAX_ID_UINT32 if k8s.at_least(UINT32_ID_FROM_MINOR) else MAX_ID_INT32


def check_id(value: Any, path: FieldPath, owner: str, k8s: KubeVersion) -> Iterator[Finding]:
    """runAsUser, runAsGroup, fsGroup, supplementalGroups[i]: 0 to max_id(k8s)."""
    number = as_int(value)
    if number is None:
        return
    top = max_id(k8s)
    if not 0 <= number <= top:
        field = path[-1] if isinstance(path[-1], str) else f"{path[-2]}[{path[-1]}]"
        yield Finding(path, f"{owner} {field} is {number}; IDs must be between 0 and {top} on Kubernetes {k8s}",
                      on_key=False)


# -- seccompProfile (validation.go validateSeccompProfileField) -------------------------------

SECCOMP_TYPES = ("Localhost", "RuntimeDefault", "Unconfined")


def _shown(value: str) -> str:
    return "empty" if value == "" else f'"{value}"'


def check_seccomp_profile(profile: Any, path: FieldPath, owner: str) -> Iterator[Finding]:
    """type "" Required / unknown NotSupported; Localhost needs localhostProfile, relative and
    without '..'; localhostProfile with another type Invalid. An absent type is PL012."""
    if not isinstance(profile, dict):
        return
    kind = as_str(profile.get("type"))
    if kind is not None and kind not in SECCOMP_TYPES:
        yield Finding(path / "type", f"{owner} seccompProfile type is {_shown(kind)}; supported values: "
                      '"RuntimeDefault", "Localhost", "Unconfined" (case-sensitive)', on_key=False)
    local = profile.get("localhostProfile")
    if kind == "Localhost":
        if local is None:
            yield Finding(path, f'{owner} seccompProfile type "Localhost" needs localhostProfile, the profile '
                          "file relative to the kubelet's seccomp directory")
        elif isinstance(local, str):
            if local.startswith("/"):
                yield Finding(path / "localhostProfile", f'{owner} seccompProfile localhostProfile "{local}" is '
                              "absolute; it must be relative to the kubelet's seccomp directory", on_key=False)
            if formats.has_backsteps(local):
                yield Finding(path / "localhostProfile", f'{owner} seccompProfile localhostProfile "{local}" '
                              "contains '..'", on_key=False)
    elif kind is not None and local is not None:
        yield Finding(path / "localhostProfile", f"{owner} seccompProfile sets localhostProfile with type "
                      f'{_shown(kind)}; localhostProfile is only allowed with type "Localhost"')


# -- appArmorProfile (validation.go ValidateAppArmorProfileField; the fields exist from 1.30) --

APPARMOR_FIELDS_FROM_MINOR = 30  # AppArmorFields beta, on by default; unknown fields before
MAX_APPARMOR_PROFILE = 4095  # PATH_MAX - 1


def check_apparmor_profile(profile: Any, path: FieldPath, owner: str) -> Iterator[Finding]:
    """type "" Required / unknown NotSupported; Localhost needs a non-blank, unpadded profile of
    at most 4095 bytes; localhostProfile with RuntimeDefault/Unconfined Invalid."""
    if not isinstance(profile, dict):
        return
    kind = as_str(profile.get("type"))
    if kind is None:
        return  # absent: PL012
    local = profile.get("localhostProfile")
    if kind == "Localhost":
        if local is None:
            yield Finding(path, f'{owner} appArmorProfile type "Localhost" needs localhostProfile, the name '
                          "of a profile loaded on the node")
        elif isinstance(local, str):
            if local.strip() != local:
                yield Finding(path / "localhostProfile", f'{owner} appArmorProfile localhostProfile "{local}" '
                              "is padded with whitespace; remove it", on_key=False)
            elif local == "":
                yield Finding(path / "localhostProfile", f'{owner} appArmorProfile localhostProfile is empty; '
                              'type "Localhost" needs the name of a profile loaded on the node', on_key=False)
            if len(local.encode("utf-8")) > MAX_APPARMOR_PROFILE:
                yield Finding(path / "localhostProfile", f"{owner} appArmorProfile localhostProfile is "
                              f"{len(local.encode('utf-8'))} bytes; at most {MAX_APPARMOR_PROFILE} are allowed",
                              on_key=False)
    elif kind in ("RuntimeDefault", "Unconfined"):
        if local is not None:
            yield Finding(path / "localhostProfile", f'{owner} appArmorProfile sets localhostProfile with type '
                          f'"{kind}"; localhostProfile is only allowed with type "Localhost"')
    else:
        yield Finding(path / "type", f"{owner} appArmorProfile type is {_shown(kind)}; supported values: "
                      '"RuntimeDefault", "Localhost", "Unconfined" (case-sensitive)', on_key=False)


# -- windowsOptions (validation.go validateWindowsSecurityContextOptions) ----------------------

MAX_GMSA_SPEC_BYTES = 64 * 1024
MAX_DOMAIN_LENGTH = 256  # the domain must be shorter than this
MAX_USER_LENGTH = 104
_CONTROL = lazyre.compile(r"[\x00-\x1f\x7f]")  # Go [[:cntrl:]]
_NETBIOS = lazyre.compile(r'[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}\Z')
_DNS_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
_WINDOWS_DOMAIN_DNS = lazyre.compile(rf"{_DNS_LABEL}(?:\.{_DNS_LABEL})*\Z")
_BAD_USER_CHARS = lazyre.compile(r'["/\\:;|=,+*?<>@\[\]]')
_DOTS_AND_SPACES = lazyre.compile(r"[. ]+\Z")


def _run_as_user_name_problems(value: str) -> list[str]:
    if value == "":
        return ["must not be empty"]
    if _CONTROL.search(value):
        return ["must not contain control characters"]
    parts = value.split("\\")
    if len(parts) > 2:
        return ["must not contain more than one backslash (DOMAIN\\USER)"]
    domain, user = (parts[0], parts[1]) if len(parts) == 2 else ("", parts[0])
    problems = []
    if len(domain.encode("utf-8")) >= MAX_DOMAIN_LENGTH:
        problems.append(f"has a domain of {len(domain.encode('utf-8'))} bytes; it must be under {MAX_DOMAIN_LENGTH}")
    if len(parts) == 2 and not (_NETBIOS.match(domain) or _WINDOWS_DOMAIN_DNS.match(domain)):
        problems.append(f'has domain "{domain}", which is neither a NetBIOS nor a DNS domain name')
    user_bytes = len(user.encode("utf-8"))
    if user_bytes == 0:
        problems.append("has an empty user name")
    elif user_bytes > MAX_USER_LENGTH:
        problems.append(f"has a user name of {user_bytes} bytes; at most {MAX_USER_LENGTH} are allowed")
    if _DOTS_AND_SPACES.match(user):
        problems.append("has a user name of only dots and spaces")
    if _BAD_USER_CHARS.search(user):
        problems.append('has a user name with one of the characters " / \\ : ; | = , + * ? < > @ [ ]')
    return problems


def check_windows_options(options: Any, path: FieldPath, owner: str) -> Iterator[Finding]:
    """gmsaCredentialSpecName a DNS subdomain; gmsaCredentialSpec non-empty and at most 64 KiB;
    runAsUserName a valid [DOMAIN\\]USER."""
    if not isinstance(options, dict):
        return
    spec_name = as_str(options.get("gmsaCredentialSpecName"))
    if spec_name is not None:
        problems = formats.dns1123_subdomain(spec_name)
        if problems:
            yield Finding(path / "gmsaCredentialSpecName", f'{owner} windowsOptions gmsaCredentialSpecName '
                          f'"{spec_name}" {problems[-1]} (it names a GMSACredentialSpec resource)', on_key=False)
    spec = as_str(options.get("gmsaCredentialSpec"))
    if spec is not None:
        size = len(spec.encode("utf-8"))
        if size == 0:
            yield Finding(path / "gmsaCredentialSpec", f"{owner} windowsOptions gmsaCredentialSpec is empty; "
                          "leave it out or give the credential spec JSON", on_key=False)
        elif size > MAX_GMSA_SPEC_BYTES:
            yield Finding(path / "gmsaCredentialSpec", f"{owner} windowsOptions gmsaCredentialSpec is {size} "
                          "bytes; it must be at most 64 KiB", on_key=False)
    user = as_str(options.get("runAsUserName"))
    if user is not None:
        for problem in _run_as_user_name_problems(user):
            shown = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", user)
            yield Finding(path / "runAsUserName", f'{owner} windowsOptions runAsUserName "{shown}" {problem}; '
                          r"use USER or DOMAIN\USER", on_key=False)


def security_context(spec: dict) -> dict:
    return as_dict(spec.get("securityContext"))
