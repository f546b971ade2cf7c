"""The API server's string formats (k8s.io/apimachinery/pkg/util/validation), as predicates.

Each returns a list of problems in the API server's words; [] means valid.
"""

from __future__ import annotations

from podlint import lazyre

DNS1123_LABEL_MAX = 63
DNS1123_SUBDOMAIN_MAX = 253
QUALIFIED_NAME_MAX = 63
LABEL_VALUE_MAX = 63
PORT_NAME_MAX = 15

_DNS1123_LABEL = lazyre.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?\Z")
_DNS1123_SUBDOMAIN = lazyre.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\Z")
_QUALIFIED_NAME = lazyre.compile(r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\Z")
_PORT_NAME_CHARS = lazyre.compile(r"[-a-z0-9]+\Z")
_PORT_NAME_LETTER = lazyre.compile(r"[a-z]")
_HTTP_HEADER_NAME = lazyre.compile(r"[-A-Za-z0-9]+\Z")
_ENV_NAME = lazyre.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*\Z")
_CONFIG_KEY = lazyre.compile(r"[-._a-zA-Z0-9]+\Z")


def _length_and_pattern(value: str, limit: int, pattern, wrong: str) -> list[str]:
    """The errors of apimachinery's length-then-regex validators, in their order."""
    errors = []
    if len(value) > limit:
        errors.append(f"must be no more than {limit} characters")
    if not pattern.match(value):
        errors.append(wrong)
    return errors


def dns1123_label(value: str) -> list[str]:
    """IsDNS1123Label: lowercase alphanumerics and '-', alphanumeric at both ends, <= 63."""
    return _length_and_pattern(value, DNS1123_LABEL_MAX, _DNS1123_LABEL,
                               "must consist of lower case alphanumeric characters or '-', and must "
                               "start and end with an alphanumeric character")


def dns1123_subdomain(value: str) -> list[str]:
    """IsDNS1123Subdomain: dot-separated DNS labels, <= 253."""
    return _length_and_pattern(value, DNS1123_SUBDOMAIN_MAX, _DNS1123_SUBDOMAIN,
                               "must consist of lower case alphanumeric characters, '-' or '.', and "
                               "must start and end with an alphanumeric character")


def qualified_name(value: str) -> list[str]:
    """IsQualifiedName: [prefix/]name, prefix a DNS subdomain, name <= 63 of [A-Za-z0-9_.-]."""
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
        errors: list[str] = []
    elif len(parts) == 2:
        prefix, name = parts
        errors = []
        if not prefix:
            errors.append("prefix part must be non-empty")
        else:
            errors.extend(f"prefix part {e}" for e in dns1123_subdomain(prefix))
    else:
        return ["a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
                "with an optional DNS subdomain prefix and '/'"]
    if not name:
        errors.append("name part must be non-empty")
    else:
        if len(name) > QUALIFIED_NAME_MAX:
            errors.append(f"name part must be no more than {QUALIFIED_NAME_MAX} characters")
        if not _QUALIFIED_NAME.match(name):
            errors.append("name part must consist of alphanumeric characters, '-', '_' or '.', "
                          "and must start and end with an alphanumeric character")
    return errors


def label_value(value: str) -> list[str]:
    """IsValidLabelValue: empty, or <= 63 with the qualified-name character rule."""
    if value == "":
        return []
    errors = []
    if len(value) > LABEL_VALUE_MAX:
        errors.append(f"must be no more than {LABEL_VALUE_MAX} characters")
    if not _QUALIFIED_NAME.match(value):
        errors.append("must consist of alphanumeric characters, '-', '_' or '.', and must start "
                      "and end with an alphanumeric character")
    return errors


def port_number(value: int) -> list[str]:
    """IsValidPortNum: 1..65535."""
    return [] if 1 <= value <= 65535 else ["must be between 1 and 65535, inclusive"]


def port_name(value: str) -> list[str]:
    """IsValidPortName (IANA_SVC_NAME): 1-15 of [a-z0-9-], a letter, no '--', no edge '-'."""
    errors = []
    if len(value) > PORT_NAME_MAX:
        errors.append(f"must be no more than {PORT_NAME_MAX} characters")
    if not _PORT_NAME_CHARS.match(value):
        errors.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if "--" in value:
        errors.append("must not contain consecutive hyphens")
    if value and _PORT_NAME_CHARS.match(value) and not _PORT_NAME_LETTER.search(value):
        errors.append("must contain at least one letter (a-z)")
    if value.startswith("-") or value.endswith("-"):
        errors.append("must not begin or end with a hyphen")
    if not value:
        errors.append("must not be empty")
    return errors


def http_header_name(value: str) -> list[str]:
    """IsHTTPHeaderName: [-A-Za-z0-9]+."""
    return [] if _HTTP_HEADER_NAME.match(value) else ["a valid HTTP header must consist of "
                                                        "alphanumeric characters or '-'"]


def env_var_name(value: str) -> list[str]:
    """IsEnvVarName (strict): [-._a-zA-Z][-._a-zA-Z0-9]*, not '.', '..' or starting '..'."""
    errors = []
    if not _ENV_NAME.match(value):
        errors.append("must consist of alphabetic characters, digits, '_', '-', or '.', "
                      "and must not start with a digit")
    errors.extend(_not_dots(value))
    return errors


def relaxed_env_var_name(value: str) -> list[str]:
    """IsRelaxedEnvVarName: printable ASCII (32..126) except '='."""
    if value and all(32 <= ord(ch) <= 126 and ch != "=" for ch in value):
        return []
    return ["must consist only of printable ASCII characters except '='"]


def config_map_key(value: str) -> list[str]:
    """IsConfigMapKey: <= 253 of [-._a-zA-Z0-9], not '.', '..' or starting '..'."""
    errors = []
    if len(value) > DNS1123_SUBDOMAIN_MAX:
        errors.append(f"must be no more than {DNS1123_SUBDOMAIN_MAX} characters")
    if not _CONFIG_KEY.match(value):
        errors.append("must consist of alphanumeric characters, '-', '_' or '.'")
    errors.extend(_not_dots(value))
    return errors


def _not_dots(value: str) -> list[str]:
    if value == ".":
        return ["must not be '.'"]
    if value == "..":
        return ["must not be '..'"]
    if value.startswith(".."):
        return ["must not start with '..'"]
    return []


def has_backsteps(path: str) -> bool:
    """validatePathNoBacksteps: a '..' element when the path is split on '/'."""
    return ".." in path.split("/")


def quoted_list(names, limit: int = 10) -> str:
    """'"a", "b", "c"' for a message, at most `limit` names then "... and N more" (a message
    must not grow with the manifest); "none" for no names."""
    names = list(names)
    shown = ", ".join(f'"{n}"' for n in names[:limit])
    if len(names) > limit:
        shown += f", ... and {len(names) - limit} more"
    return shown or "none"
