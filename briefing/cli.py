"""The command line: parse arguments, load the config, call the core.

Errors meant for the user are printed as one line and exit with status 1;
tracebacks only with --verbose.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import load_config
from .errors import BriefingError
from .pipeline import generate
from .progress import Progress

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _common(parser: argparse.ArgumentParser) -> None:
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    noise.add_argument(
        "-v", "--verbose", action="store_true", help="print stage timings and tracebacks"
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: ./briefing.toml if present)"
    )
    parser.add_argument("--output", type=Path, help="output folder (default: ./output)")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a day's Arabic and English news into a cited bilingual briefing.",
    )
    root.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = commands.add_parser(
        "generate",
        help="make the briefing for a folder of articles",
        description="Read articles (.txt .md .json .jsonl .html, folders searched recursively), "
        "group them into topics, summarize each topic in Arabic and English with citations, "
        "and write OUTPUT/DATE/briefing.{md,html,json}.",
    )
    gen.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLES", help="files or folders")
    gen.add_argument("--date", type=_date, help="briefing date, YYYY-MM-DD (default: today)")
    gen.add_argument(
        "--llm",
        choices=["auto", "none", "openai", "local"],
        help="auto (default): use an LLM if one is configured, else write an extractive "
        "briefing offline; none: never call an LLM",
    )
    gen.add_argument("--base-url", help="OpenAI-compatible endpoint (or OPENAI_BASE_URL)")
    gen.add_argument("--model", help="model name (default: gpt-4o-mini)")
    gen.add_argument("--local-model", type=Path, help="GGUF file for --llm local")
    gen.add_argument("--concurrency", type=int, help="LLM calls in flight at once (default: 4)")
    gen.add_argument("--input-budget", type=int, help="prompt tokens per LLM call (default: 6000)")
    gen.add_argument(
        "--order",
        choices=["ar-first", "en-first"],
        help="which language comes first in the documents (default: ar-first)",
    )
    _common(gen)
    return root


def _flags(args: argparse.Namespace) -> dict[str, object]:
    names = (
        "output",
        "llm",
        "base_url",
        "model",
        "local_model",
        "concurrency",
        "input_budget",
        "order",
    )
    return {name: getattr(args, name, None) for name in names}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    level = 0 if args.quiet else 2 if args.verbose else 1
    progress = Progress(level)
    try:
        config = load_config(_flags(args), config_file=args.config)
        if args.command == "generate":
            result = generate(args.inputs, config, date=args.date, progress=progress)
            progress.info(result.account())
            progress.info(f"wrote {result.folder}")
            return EXIT_PARTIAL if result.partial else EXIT_OK
    except BriefingError as error:
        if args.verbose:
            traceback.print_exc()
        sys.stderr.write(f"briefing: error: {error}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("briefing: interrupted; earlier briefings are unchanged\n")
        return 130
    return EXIT_ERROR
