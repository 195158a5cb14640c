"""The command line: parse arguments, load the config, call the core.

Errors meant for the user are printed as one line and exit with status 1;
tracebacks only with --verbose. A briefing in which some topic's LLM calls
failed (those topics keep their extractive summaries) exits with status 3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .config import Config, load_config
from .errors import BriefingError
from .progress import Progress
from .text import printable

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3


def _out(text: str) -> None:
    sys.stdout.write(printable(text, lines=True) + "\n")


# Briefing dates a run accepts: the arithmetic on dates (the previous week's
# briefings) must stay inside what datetime can hold.
_YEARS = range(1900, 9000)


def _date(value: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None
    if date.year not in _YEARS:
        raise argparse.ArgumentTypeError(
            f"{value}: a briefing date must be between {_YEARS.start} and {_YEARS.stop - 1}"
        )
    return date


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


def _llm_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--llm",
        choices=["auto", "none", "openai", "local"],
        help="auto (default): use an LLM if one is configured, else write extractive "
        "summaries offline; none: never call an LLM; openai: any OpenAI-compatible "
        "endpoint; local: start llama.cpp's server on --local-model",
    )
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (or OPENAI_BASE_URL)")
    parser.add_argument("--model", help="model name (default: gpt-4o-mini)")
    parser.add_argument("--local-model", type=Path, help="GGUF file for --llm local")
    parser.add_argument("--concurrency", type=int, help="LLM calls in flight at once (default: 4)")
    parser.add_argument(
        "--timeout", type=float, help="seconds one request may take in all (default: 60)"
    )
    parser.add_argument(
        "--run-timeout",
        type=float,
        help="seconds all of a run's model calls may take; then the remaining topics keep "
        "extractive summaries (default: 1800)",
    )
    parser.add_argument(
        "--input-budget", type=int, help="prompt tokens per LLM call (default: 6000)"
    )
    parser.add_argument("--glossary", type=Path, help="your own bilingual glossary (TOML)")
    parser.add_argument(
        "--judge",
        action="store_true",
        default=None,
        help="after the deterministic checks, ask a model whether each kept sentence is "
        "entailed by the paragraphs it cites, and drop the ones it rejects (about one call "
        "per topic and language; see the README for the cost)",
    )
    parser.add_argument("--judge-model", help="the judge's model (default: the summarizing model)")
    parser.add_argument(
        "--confirm-groups",
        dest="confirm_groups",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="with a model configured, ask it about the grouping's borderline decisions (at "
        "most 20 short calls a run: do two articles report the same event?); off by default",
    )
    parser.add_argument(
        "--judge-base-url",
        help="the judge's OpenAI-compatible endpoint (default: the summarizing endpoint)",
    )
    parser.add_argument(
        "--order",
        choices=["ar-first", "en-first"],
        help="which language comes first in the documents (default: ar-first)",
    )


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a day's Arabic and English news into a cited bilingual briefing.",
    )
    root.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in (
        _add_generate,
        _add_regenerate,
        _add_topics,
        _add_diff,
        _add_textconv,
        _add_fetch,
        _add_daily,
        _add_init,
    ):
        add(commands)
    return root


def _add_generate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gen = commands.add_parser(
        "generate",
        help="make the briefing for a folder of articles",
        description="Read articles (.txt .md .json .jsonl .html, folders searched recursively), "
        "group them into topics, summarize each topic in Arabic and English with citations, "
        "and write OUTPUT/DATE/briefing.{md,html,json}. Exit status: 0 done; 3 written but "
        "partial (some topic's model calls failed: it keeps its extractive summary); 1 error; "
        "2 usage error.",
    )
    gen.add_argument("inputs", nargs="+", type=Path, metavar="ARTICLES", help="files or folders")
    gen.add_argument("--date", type=_date, help="briefing date, YYYY-MM-DD (default: today)")
    _llm_options(gen)
    gen.add_argument(
        "--refresh", action="store_true", default=None, help="ask the model again, not the cache"
    )
    gen.add_argument(
        "--dry-run",
        action="store_true",
        help="print the planned LLM calls and estimated tokens; call nothing, write nothing",
    )
    _common(gen)


def _add_regenerate(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    regen = commands.add_parser(
        "regenerate",
        help="summarize one topic of a written briefing again",
        description="Summarize one topic again from the inputs recorded in "
        "OUTPUT/DATE/briefing.json, asking the model anew, and rewrite the briefing; "
        "every other topic stays exactly as it was.",
    )
    regen.add_argument("--date", type=_date, help="briefing date (default: today)")
    regen.add_argument("--topic", required=True, metavar="TOPIC_ID", help="see: briefing topics")
    _llm_options(regen)
    cache = regen.add_mutually_exclusive_group()
    cache.add_argument(
        "--refresh",
        dest="refresh",
        action="store_true",
        default=True,
        help="ask the model again (the default)",
    )
    cache.add_argument(
        "--use-cache",
        dest="refresh",
        action="store_false",
        help="reuse cached answers for unchanged prompts",
    )
    _common(regen)


def _add_topics(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    topics = commands.add_parser("topics", help="list a briefing's topic ids and titles")
    topics.add_argument("--date", type=_date, help="briefing date (default: today)")
    _common(topics)


def _add_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    diff = commands.add_parser(
        "diff",
        help="compare two briefings",
        description="Compare briefings A and B: topics added, removed and changed, and the "
        "sentences added and removed per language. A and B are dates under the output "
        "folder, paths to a briefing folder or briefing.json, or git revisions (with "
        "--date, or as REV:path/to/briefing.json).",
    )
    diff.add_argument("a", metavar="A")
    diff.add_argument("b", metavar="B")
    diff.add_argument("--date", type=_date, help="for git revisions: which date's briefing")
    diff.add_argument("--json", action="store_true", help="print the differences as JSON")
    _common(diff)


def _add_textconv(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    textconv = commands.add_parser(
        "textconv",
        help="print a briefing.json as lines for git diff",
        description="Print a briefing.json one sentence per line, for git's textconv "
        "(see the README: git config diff.briefing.textconv 'briefing textconv').",
    )
    textconv.add_argument("file", type=Path)


def _feed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--feeds", type=Path, help="feed list: OPML, or one URL a line (or 'feeds' in the config)"
    )
    parser.add_argument(
        "--articles", type=Path, help="where article files are written (default: ./articles)"
    )
    parser.add_argument("--user-agent", help="the User-Agent sites see (or 'user_agent')")


def _add_fetch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    fetch = commands.add_parser(
        "fetch",
        help="fetch new articles from news feeds",
        description="Read feeds (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed; lists of them in OPML "
        "or one URL a line) and write each new item as ARTICLES/YYYY-MM-DD/ID.json, taking "
        "the full text from the feed or from the article page. Exit status: 0 done, 3 some "
        "feeds failed, 1 every feed failed.",
    )
    fetch.add_argument(
        "sources",
        nargs="*",
        metavar="FEED_URL_OR_LIST",
        help="feed URLs or feed list files (default: --feeds, or 'feeds' in the config)",
    )
    _feed_options(fetch)
    noise = fetch.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print failures only")
    noise.add_argument("-v", "--verbose", action="store_true", help="print timings")
    fetch.add_argument("--config", type=Path, help="config file (default: ./briefing.toml)")


def _add_daily(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    daily = commands.add_parser(
        "daily",
        help="fetch the feeds and make the day's briefing (for cron)",
        description="Fetch the feeds, then generate the briefing from the articles published "
        "(or, undated, first seen) in the 24 hours before the briefing's time: now for today, "
        "the end of the day for an earlier --date. Exit status: 0 done; 3 partial (some feeds "
        "failed or some topics could not be summarized; the output says which); 1 nothing "
        "could be done.",
    )
    daily.add_argument("--date", type=_date, help="briefing date, YYYY-MM-DD (default: today)")
    daily.add_argument(
        "--commit",
        action="store_true",
        help="commit the briefing in the output folder's git repository (if it changed)",
    )
    _feed_options(daily)
    _llm_options(daily)
    _common(daily)


def _add_init(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init",
        help="make a briefing repository (git, config, feeds, cron line)",
        description="Create DIR as a git repository ready for `briefing daily --commit`: "
        "briefing.toml, feeds.opml, .gitattributes and the textconv driver, .gitignore, and "
        "a README with the cron line and a systemd timer.",
    )
    init.add_argument("folder", type=Path, metavar="DIR")
    init.set_defaults(config=None)


_FLAGS = (
    "articles",
    "feeds",
    "user_agent",
    "output",
    "llm",
    "base_url",
    "model",
    "local_model",
    "concurrency",
    "timeout",
    "run_timeout",
    "input_budget",
    "glossary",
    "order",
    "judge",
    "judge_model",
    "judge_base_url",
    "confirm_groups",
)


def _flags(args: argparse.Namespace) -> dict[str, object]:
    flags = {name: getattr(args, name, None) for name in _FLAGS}
    if args.command == "generate":
        flags["refresh"] = args.refresh
    return flags


def _generate(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .pipeline import generate, plan

    if args.dry_run:
        rows = plan(args.inputs, config, progress=progress)
        _out(f"{'topic':<48} {'calls':>5} {'prompt tokens':>14}")
        for tid, calls, tokens in rows:
            _out(f"{tid:<48} {calls:>5} {tokens:>14,}")
        _out(
            f"{len(rows)} topics, {sum(r[1] for r in rows)} calls, "
            f"about {sum(r[2] for r in rows):,} prompt tokens (repairs not counted"
            + ("; the judge adds about one call per topic and language)" if config.judge else ")")
        )
        return EXIT_OK
    result = generate(args.inputs, config, date=args.date, progress=progress)
    code = _finish(result, progress)
    if result.partial and progress.level == 0:
        # Said even with --quiet, as daily says it: cron mails it, and exit
        # status 3 alone does not say that the endpoint was down.
        sys.stderr.write(f"briefing: partial: {'; '.join(result.partial_reasons())}\n")
    return code


def _finish(result: object, progress: Progress, *, account_last: bool = True) -> int:
    """Say what a run wrote and read. The account ends generate's output, as
    the README quotes it, so that a log tail shows what the run read and
    made; daily says it in the order things happened (fetched, read, wrote,
    committed), as its README example shows."""
    from .pipeline import RunResult

    assert isinstance(result, RunResult)
    if not account_last:
        progress.info(result.account())
    progress.info(f"wrote {result.folder}")
    if result.partial:
        for notice in result.notices or ["some topics could not be summarized by the model"]:
            progress.info(f"the briefing is partial: {notice}")
    llm = result.llm_account()
    if llm:
        progress.info(llm)
    if account_last:
        progress.info(result.account())
    return EXIT_PARTIAL if result.partial else EXIT_OK


def _default_date(args: argparse.Namespace) -> dt.date:
    from .pipeline import build_date

    return args.date or build_date()


def _regenerate(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .regenerate import regenerate

    result = regenerate(
        _default_date(args), args.topic, config, refresh=args.refresh, progress=progress
    )
    return _finish(result, progress)


def _topics(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .regenerate import read_briefing_data, topic_lines

    data = read_briefing_data(config.output, _default_date(args))
    _out("\n".join(topic_lines(data)))
    return EXIT_OK


def _diff(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .review import diff_briefings, format_diff, read_briefing

    date = args.date.isoformat() if args.date else None
    a_label, old = read_briefing(args.a, config.output, date)
    b_label, new = read_briefing(args.b, config.output, date)
    difference = diff_briefings(old, new, a_label, b_label)
    if args.json:
        _out(json.dumps(difference, ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(printable(format_diff(difference), lines=True))
    return EXIT_OK


def _fetch(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .daily import feed_sources, fetch_settings, report_fetch
    from .ingest.fetch import fetch

    urls = feed_sources(config, args.sources)
    report = fetch(urls, config.articles, fetch_settings(config), progress=progress)
    report_fetch(report, progress)
    if report.feed_failures:
        if progress.level == 0:  # failed feeds are said even with --quiet
            lines = [report.account(), *(f"  {line}" for line in report.feed_lines())]
            sys.stderr.write("briefing: " + "\n".join(lines) + "\n")
        return EXIT_ERROR if len(report.feed_failures) == len(urls) else EXIT_PARTIAL
    return EXIT_OK


def _daily(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .daily import daily

    result = daily(config, date=args.date, commit=args.commit, progress=progress)
    code = _finish(result.run, progress, account_last=False)
    if args.commit:
        progress.info(f"committed: {result.commit}" if result.commit else "nothing changed")
    if result.partial:
        # Said even with --quiet: cron mails it, and exit status 3 alone says little.
        sys.stderr.write(f"briefing: partial: {'; '.join(result.partial)}\n")
        return EXIT_PARTIAL
    return code


def _init(args: argparse.Namespace, config: Config, progress: Progress) -> int:
    from .scaffold import init_repository

    for path in init_repository(args.folder):
        progress.info(f"wrote {path}")
    progress.info(
        f"{args.folder} is ready: cd {shlex.quote(str(args.folder))} && briefing daily --commit"
    )
    return EXIT_OK


_COMMANDS = {
    "generate": _generate,
    "regenerate": _regenerate,
    "topics": _topics,
    "diff": _diff,
    "fetch": _fetch,
    "daily": _daily,
    "init": _init,
}


def _error(message: str, verbose: bool) -> int:
    """Print `message` as the one-line error (with the traceback under
    --verbose) and give the error exit status."""
    if verbose:
        traceback.print_exc()
    sys.stderr.write(f"briefing: error: {printable(message, lines=True)}\n")
    return EXIT_ERROR


def _brief(error: BaseException) -> str:
    text = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _os_message(error: OSError, args: argparse.Namespace) -> str:
    """An OS error as the user can act on it: what, which file, why."""
    where = f" {error.filename}" if error.filename else ""
    why = error.strerror or _brief(error)
    if isinstance(error, FileExistsError | NotADirectoryError):
        return f"cannot write{where}: a file is in the way ({why}); {_elsewhere(args.command)}"
    if isinstance(error, PermissionError):
        return f"cannot write or read{where}: {why}; check the folder's permissions"
    if args.command == "textconv":
        return f"cannot read {args.file}: {why}"
    return f"{why}:{where}" if where else why


def _elsewhere(command: str) -> str:
    """Where the user can point a command that found a file in its way."""
    if command == "init":
        return "choose another folder"
    if command == "fetch":
        return "choose another --articles"
    if command == "daily":
        return "choose another --output or --articles"
    return "choose another --output"


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    quiet, verbose = getattr(args, "quiet", False), getattr(args, "verbose", False)
    progress = Progress(0 if quiet else 2 if verbose else 1)
    try:
        if args.command == "textconv":
            # git runs this in any folder: no config is read, so none can break it.
            from .review import textconv_file

            sys.stdout.buffer.write(textconv_file(args.file).encode("utf-8"))
            return EXIT_OK
        config = load_config(_flags(args), config_file=args.config)
        return _COMMANDS[args.command](args, config, progress)
    except BriefingError as error:
        return _error(str(error), verbose)
    except OSError as error:
        return _error(_os_message(error, args), verbose)
    except (ValueError, KeyError, TypeError, RecursionError, OverflowError) as error:
        # Data that got past the checks (a hand-edited briefing.json, a file
        # git hands textconv): one line, never a traceback unless asked for.
        what = f"cannot read {args.file}" if args.command == "textconv" else "cannot continue"
        detail = "nested too deeply" if isinstance(error, RecursionError) else _brief(error)
        return _error(f"{what}: {detail} (--verbose shows where)", verbose)
    except KeyboardInterrupt:
        kept = (
            "the next fetch asks again for what this one had not written"
            if args.command == "fetch"
            else "earlier briefings are unchanged"
        )
        sys.stderr.write(f"briefing: interrupted; {kept}\n")
        return 130
