"""IP addresses and CIDRs as the API server parses them (k8s.io/utils/net and
k8s.io/apimachinery/pkg/util/validation), for the Service rules."""

from __future__ import annotations

from typing import Optional


_BIG = 0xFFFFFF

_V4_PREFIX = bytes(10) + b"\xff\xff"

def _dtoi(s: str, i: int) -> tuple[int, int, bool]:
    n, j = 0, i
    while j < len(s) and "0" <= s[j] <= "9":
        n = n * 10 + ord(s[j]) - 48
        if n >= _BIG:
            return _BIG, j, False
        j += 1
    return (0, j, False) if j == i else (n, j, True)

def _xtoi(s: str, i: int) -> tuple[int, int, bool]:
    n, j = 0, i
    while j < len(s):
        c = s[j]
        if "0" <= c <= "9":
            d = ord(c) - 48
        elif "a" <= c <= "f":
            d = ord(c) - 87
        elif "A" <= c <= "F":
            d = ord(c) - 55
        else:
            break
        n = n * 16 + d
        if n >= _BIG:
            return 0, j, False
        j += 1
    return (0, j, False) if j == i else (n, j, True)

def _parse_ipv4(s: str) -> Optional[bytes]:
    octets = []
    pos = 0
    for k in range(4):
        if pos >= len(s):
            return None
        if k > 0:
            if s[pos] != ".":
                return None
            pos += 1
        n, pos, ok = _dtoi(s, pos)
        if not ok or n > 0xFF:
            return None
        octets.append(n)
    if pos != len(s):
        return None
    return _V4_PREFIX + bytes(octets)

def _parse_ipv6(s: str) -> Optional[bytes]:
    ip = [0] * 16
    ellipsis = -1
    pos = 0
    if len(s) >= 2 and s[0] == ":" and s[1] == ":":
        ellipsis, pos = 0, 2
        if pos == len(s):
            return bytes(ip)
    i = 0
    while i < 16:
        n, end, ok = _xtoi(s, pos)
        if not ok or n > 0xFFFF:
            return None
        if end < len(s) and s[end] == ".":
            if (ellipsis < 0 and i != 12) or i + 4 > 16:
                return None
            ip4 = _parse_ipv4(s[pos:])
            if ip4 is None:
                return None
            ip[i:i + 4] = ip4[12:]
            pos = len(s)
            i += 4
            break
        ip[i], ip[i + 1] = n >> 8, n & 0xFF
        i += 2
        pos = end
        if pos == len(s):
            break
        if s[pos] != ":" or pos + 1 == len(s):
            return None
        pos += 1
        if s[pos] == ":":
            if ellipsis >= 0:
                return None
            ellipsis = i
            pos += 1
            if pos == len(s):
                break
    if pos != len(s):
        return None
    if i < 16:
        if ellipsis < 0:
            return None
        shift = 16 - i
        for j in range(i - 1, ellipsis - 1, -1):
            ip[j + shift] = ip[j]
        for j in range(ellipsis + shift - 1, ellipsis - 1, -1):
            ip[j] = 0
    elif ellipsis >= 0:
        return None
    return bytes(ip)

def parse_ip(text: str) -> Optional[bytes]:
    """netutils.ParseIPSloppy: the 16-byte form, or None."""
    for ch in text:
        if ch == ".":
            return _parse_ipv4(text)
        if ch == ":":
            return _parse_ipv6(text)
    return None

def is_ipv4(ip: bytes) -> bool:
    """net.IP.To4() != nil (an IPv4-mapped IPv6 address counts as IPv4, as in Go)."""
    return ip[:12] == _V4_PREFIX

def family(ip: bytes) -> str:
    return "IPv4" if is_ipv4(ip) else "IPv6"

def ip_problems(text: str, strict: bool) -> list[str]:
    """IsValidIPForLegacyField: what is wrong with an IP address field ([] when valid).

    `strict` is the StrictIPCIDRValidation gate: leading zeros and IPv4-mapped IPv6
    addresses are then refused too."""
    ip = parse_ip(text)
    if ip is None:
        return ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"]
    if not strict:
        return []
    problems = []
    try:
        import ipaddress  # only for the few values that are IPs

        parsed = ipaddress.ip_address(text)
    except ValueError:
        problems.append("must not have leading 0s")
    else:
        if isinstance(parsed, ipaddress.IPv6Address) and parsed.ipv4_mapped is not None:
            problems.append("must not be an IPv4-mapped IPv6 address")
    return problems

def cidr_problems(text: str, strict: bool) -> list[str]:
    """IsValidCIDRForLegacyField ([] when valid); `strict` as for ip_problems."""
    slash = text.find("/")
    if slash < 0:
        return ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]
    addr, mask = text[:slash], text[slash + 1:]
    ip, bits = _parse_ipv4(addr), 32
    if ip is None:
        ip, bits = _parse_ipv6(addr), 128
    n, end, ok = _dtoi(mask, 0)
    if ip is None or not ok or end != len(mask) or n > bits:
        return ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]
    if not strict:
        return []
    try:
        import ipaddress

        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return ["must not have leading 0s"]
    if isinstance(network, ipaddress.IPv6Network) and network.network_address.ipv4_mapped is not None:
        return ["must not be an IPv4-mapped IPv6 address"]
    return []

def special_ip_problems(text: str) -> list[str]:
    """ValidateNonSpecialIP (external IPs): unspecified, loopback and link-local addresses."""
    ip = parse_ip(text)
    if ip is None:
        return []
    v4 = is_ipv4(ip)
    problems = []
    if ip[12:] == bytes(4) and v4 or ip == bytes(16):
        problems.append(f"may not be unspecified ({text})")
    if (v4 and ip[12] == 127) or ip == bytes(15) + b"\x01":
        problems.append("may not be in the loopback range (127.0.0.0/8, ::1/128)")
    if (v4 and ip[12] == 169 and ip[13] == 254) or (not v4 and ip[0] == 0xFE and ip[1] & 0xC0 == 0x80):
        problems.append("may not be in the link-local range (169.254.0.0/16, fe80::/10)")
    if (v4 and ip[12:15] == b"\xe0\x00\x00") or (not v4 and ip[0] == 0xFF and ip[1] & 0x0F == 0x02):
        problems.append("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")
    return problems
