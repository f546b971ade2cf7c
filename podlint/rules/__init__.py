"""The rule registry: every module here named plNNN_*/pwNNN_* defines RULE (and maybe check)."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from podlint.model import Rule

_MODULE = re.compile(r"^(p[lw]\d{3})_[a-z0-9_]+\.py$")


def _module_names() -> list[str]:
    here = os.path.dirname(__file__)
    return sorted(name[:-3] for name in os.listdir(here) if _MODULE.match(name))


@lru_cache(maxsize=None)
def builtin_rules() -> tuple[Rule, ...]:
    """Every built-in rule, ordered by id."""
    from podlint.codecache import import_modules

    rules = []
    for module in import_modules(__name__, os.path.dirname(__file__), _module_names()):
        rule = module.RULE
        if getattr(module, "check", None) is not None and rule.check is None:
            rule = rule._replace(check=module.check)
        rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.id))


@lru_cache(maxsize=None)
def all_rules() -> tuple[Rule, ...]:
    """Built-in rules plus third-party rules from the `podlint.rules` entry-point group."""
    return _with_plugins(list(builtin_rules()))


def _with_plugins(rules: list[Rule]) -> tuple[Rule, ...]:
    """`rules` and the plugin rules, ordered by id; a plugin may not reuse an id or name."""
    from podlint.plugins import PluginError, plugin_rules

    taken = {r.id for r in rules} | {r.name for r in rules}
    for rule in plugin_rules():
        if rule.id in taken or rule.name in taken:
            raise PluginError(f"plugin rule {rule.id} ({rule.name}) clashes with an existing rule")
        taken |= {rule.id, rule.name}
        rules.append(rule)
    return tuple(sorted(rules, key=lambda r: r.id))


def rules_by_id() -> dict[str, Rule]:
    return {rule.id: rule for rule in all_rules()}
