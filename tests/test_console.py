"""The console chat: the Discord bot's twin, driven line by line through stdin."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from discord_harness import shipped_pack

from bot.console import Console
from bot.render import reply_to_text
from commands.lookup import MISSION_KINDS, lookup

ROOT = str(Path(__file__).resolve().parent.parent)


def run_lines(*lines: str, extra=None) -> str:
    out = io.StringIO()
    code = Console(shipped_pack(), out=out, extra=extra or {}).run(io.StringIO("\n".join(lines)))
    assert code == 0
    return out.getvalue()


def test_piped_session_through_the_cli():
    script = "What is MINUSCA?\n/mission minusca\n/missions\n/help\n/quit\nnot read\n"
    proc = subprocess.run([sys.executable, "-m", "bot", "chat"], input=script, text=True,
                          capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Central African Republic" in proc.stdout
    assert "Status (as of" in proc.stdout and "/official" in proc.stdout
    assert "not read" not in proc.stdout and "Traceback" not in proc.stderr


def test_eof_exits_zero():
    proc = subprocess.run([sys.executable, "-m", "bot", "chat"], input="", text=True,
                          capture_output=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout == ""


def test_lookup_commands_match_the_embed_content():
    pack = shipped_pack()
    out = run_lines("/mission minusca")
    assert reply_to_text(lookup(pack, MISSION_KINDS, "minusca", "mission")) in out
    assert "Lacroix" in run_lines("/official lacroix")
    assert "Department of Peacekeeping Operations" in run_lines("/topic DPKO")
    assert "Usage: /mission" in run_lines("/mission")


def test_about_and_unknown_command():
    out = run_lines("/about", "/nonsense")
    assert f"Facts: {len(shipped_pack().facts)}" in out
    assert "Unknown command /nonsense" in out


def test_number_picks_a_did_you_mean_choice():
    out = run_lines("/mission minu", "2")
    first, _, second = out.partition("Did you mean:")
    picked = second.split("\n\n", 1)[1]
    assert picked.startswith(("MINUSCA", "MINUSMA")) and "Status (as of" in picked


def test_extra_commands_are_dispatched():
    seen = []

    def quiz(ctx, arg):
        """Start a quiz."""
        seen.append((ctx.pack.id, arg))
        return "quiz started"

    out = run_lines("/quiz 5", "/help", extra={"quiz": quiz})
    assert seen == [(shipped_pack().id, "5")] and "quiz started" in out
    assert "/quiz" in out and "Start a quiz." in out


def test_ask_path_never_imports_discord():
    code = ("import sys; from bot.__main__ import main; main(['ask', 'What is MINUSCA?']); "
            "assert not any(m == 'discord' or m.startswith('discord.') for m in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
