"""``rolcompare check``: a CI gate for new reports, and compare's ``--fail-on`` gate.

``rules`` (every rule, its severity and words) · ``config`` (``[tool.rolcompare]``) · ``run``
(files → findings) · ``consistency`` (numbers that contradict each other, heading order) ·
``suppress`` (per-file ignores, inline markers, baselines) · ``gate`` (compare's rules).
"""

from rolcompare.checker.config import CheckConfig, load_config, parse_config
from rolcompare.checker.gate import FAIL_RULES, fired_rules, pairing_cautions, validate_rules
from rolcompare.checker.rules import RULES, Rule, rules_text
from rolcompare.checker.run import check, exit_code, finding

__all__ = [
    "FAIL_RULES",
    "RULES",
    "CheckConfig",
    "Rule",
    "check",
    "exit_code",
    "finding",
    "fired_rules",
    "load_config",
    "pairing_cautions",
    "parse_config",
    "rules_text",
    "validate_rules",
]
