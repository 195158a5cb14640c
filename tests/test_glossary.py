"""The bilingual glossary as a reader of the briefing meets it: the world's
countries, capitals, bodies, agencies and leaders named in both languages,
and the user's own entries added."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing.summary.glossary import load_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary()
BY_EN = {e.en: e for e in GLOSSARY.entries}


def test_the_generated_world_file_is_what_the_script_writes() -> None:
    pytest.importorskip("babel")
    pytest.importorskip("world_countries")
    script = ROOT / "scripts" / "world_glossary.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_capitals_are_named_in_both_languages() -> None:
    assert BY_EN["Jakarta"].ar == "جاكرتا"
    assert BY_EN["Canberra"].ar == "كانبرا"
    named = {e.en for e in GLOSSARY.mentioned("وصل الوفد إلى نيروبي قادما من أديس أبابا", "ar")}
    assert named == {"Addis Ababa", "Nairobi"}


def test_a_capital_that_is_a_common_word_is_left_out() -> None:
    # "Male" (the Maldives) would name every "male" and, in Arabic, Mali.
    assert "Male" not in BY_EN
    assert [e.en for e in GLOSSARY.mentioned("Troops left Mali.", "en")] == ["Mali"]
