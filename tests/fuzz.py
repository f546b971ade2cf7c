"""Mutations of real manifests for the property tests (test_properties, test_explain, test_fix)."""

from __future__ import annotations

from hypothesis import strategies as st

FLIPS = b" \t\n:-[]{}'\"#&*!|>0aZ"  # bytes a YAML reader reacts to
BINARY = b"\x00\xff"  # and two that make the file no text at all


def mutate(seed: bytes, data, tokens: list[str], flips: bytes = FLIPS + BINARY,
           duplicate_lines: bool = False) -> bytes:
    """`seed` with up to six edits drawn from `data`: a byte flipped, a run deleted, a token
    inserted (or, with `duplicate_lines`, a line doubled)."""
    raw = bytearray(seed)
    ops = ["flip", "delete", "insert"] + (["duplicate-line"] if duplicate_lines else [])
    for _ in range(data.draw(st.integers(1, 6))):
        if not raw:
            break
        op = data.draw(st.sampled_from(ops))
        at = data.draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] = data.draw(st.sampled_from(list(flips)))
        elif op == "delete":
            del raw[at:at + data.draw(st.integers(1, 20))]
        elif op == "insert":
            raw[at:at] = data.draw(st.sampled_from(tokens)).encode()
        else:
            lines = bytes(raw).split(b"\n")
            i = data.draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            raw = bytearray(b"\n".join(lines))
    return bytes(raw)
