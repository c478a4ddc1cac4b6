"""What an act's text says: a failed tool, an admitted failure, a verdict, a claim of done.

Plain patterns over English text, written for how tools and models word these things in
general (not for any dataset). Each function answers one question about one text.
"""

from __future__ import annotations

import json
import re
import threading

import snowballstemmer

from agenttrace_analysis.stopwords import FUNCTION_WORDS

_TOOL_FAILURE = re.compile(
    r"^\W*(error|exception|traceback|failed|failure|fatal)\b"
    r"|\b(error|exception)\s*[:(]"
    r"|\btraceback \(most recent call last\)"
    r"|\btimed?[ -]?out\b|\btimeout\b"
    r"|\b(connection|service|gateway|server|api|endpoint|database|backend|upstream)\b.{0,40}?"
    r"\b(unavailable|refused|reset|down|unreachable|not respond\w*|failed|error)\b"
    r"|\b(unavailable|unreachable|not reachable)\b"
    r"|\b(status(?: code)?|http)\s*[45]\d\d\b"
    r"|\bexit ?code:?\s*[1-9]"
    r"|\b\w*(syntax|value|type|key|json|parse|parsing|validation|runtime|attribute|"
    r"programming|operational|index|decode|schema)\s?error\b"
    r"|\"error\"\s*:"
    r"|\btool failed\b|\bfailed with\b"
    r"|\b(could not|couldn't|cannot|can't|unable to)\s+(connect|reach|parse|decode|load|"
    r"execute|run|complete|process|validate|resolve)\b"
    r"|\bno such (column|table|file|field|key)\b|\bnot found\b|\bdoes not exist\b",
    re.IGNORECASE | re.MULTILINE,
)

_ADMITS = re.compile(
    r"\b(unable|could ?n[o'\u2019]t|can ?n[o'\u2019]t|can['\u2019]t|cannot|wasn't able|"
    r"was not able|not able|(has|have) been down|(was|were|are) down|"
    r"failed|failing|fails|failure|errors?|erroring|unavailable|not available|timed out|"
    r"timeout|time out|outage|sorry|unfortunately|apolog\w*|problem|"
    r"(an|some|this|that) issue|issues? (with|occurred|came up)|"
    r"did ?n[o']t (work|succeed|go through|return)|no (results?|data|response|reading)|"
    r"awaiting|still (pending|being \w+ed)|"
    r"try again|retry\w*|not (yet )?(possible|confirmed|booked|completed)|"
    r"could not be|was not|is down|went wrong|rejected|refused|denied|invalid|not deployed|"
    r"nothing was \w+)\b",
    re.IGNORECASE,
)

_NEGATIVE = re.compile(
    r"\b(does not pass|did not pass|doesn't pass|didn't pass|not pass(ed)?|"
    r"fail(s|ed)?\s+(the\s+)?(review|check|audit|verification|validation|tests?|"
    r"compliance|screen\w*|criteria|requirements?)|"
    r"verdict\s*[:=-]\s*(fail\w*|no|reject\w*|not\b)|"
    r"reject(ed|s|ing)?|not (approv\w+|accept\w+|sign\w* off|recommend\w*)|"
    r"(cannot|can't|won't|will not|do not|don't) "
    r"(approve|sign off|sign-off|accept|recommend|clear)|"
    r"(do not|don't|must not|should not|cannot|can't) (be )?(publish|send|sent|ship|merge|"
    r"buy|bought|purchase|sell|sold|hire|order|"
    r"release|deploy|proceed|submit|place|go out|approved|run|used|launch|go live|air|pa(y|id)|"
    r"issued|booked|filed|signed|transfer|given|allocated|assigned|admitted|accepted)\w*|"
    r"(ran|has run|have run|had run) out\b(?! of)|lapsed|out of date|no longer valid|"
    r"(must not|mustn't|must never|may not|should not|shouldn't|can't|cannot|can not) be "
    r"(\w+ed|done|held|run|made|given|taken|shown|built|put|sold|told|kept|brought)\b|"
    r"^\W*not as (planned|proposed|submitted|requested|drafted|written)\b|"
    r"(can't|cannot|won't|will not) sign (it|this|that|them) off|"
    r"(do not|don't|must not|mustn't) (?!worry|forget|hesitate|mind)\w+ (it|this|them)\b"
    r"(?! (up|out|in))|"
    r"(must not|mustn't|must never|should not|shouldn't) (travel|go|leave|fly|sail|"
    r"open|start|continue|operate|move|run|be used|perform|appoint|work|play|race|dive|drive|"
    r"swim|enter|attend|take part|compete|fire|lift|climb|serve|sell|supply|dispense|start)\b|"
    r"\b(hold|withhold|quarantine)\b[^.\n]{0,80}\buntil\b|"
    r"not authori[sz]ed|unauthori[sz]ed|(stays?|remains?|keep \w+|kept) (shut|closed|grounded|"
    r"on hold)|(is|are) not to (be )?\w+|"
    r"needs? (changes|revision|rework|fix\w*|to be (fixed|corrected|revised|changed))|"
    r"changes requested|request(ing)? changes|not ready|"
    r"incorrect|inaccurate|wrong|not correct|does not match|doesn't match|mismatch\w*|"
    r"discrepanc\w+|(does ?n[o']t|do ?n[o']t) (line up|add up|match|agree)|"
    r"not supported by|unsupported|contradict\w*|violat\w+|breach\w*|"
    r"exceed\w*|non-?compliant|not compliant|blocked|denied|declined|insufficient|"
    r"(tests?|checks?|assertions?) (failed|failing)|\d+ (tests? )?fail(ed|ing|ures?)|"
    r"assertion ?error|major interaction|contraindicat\w+|unsafe|not safe|"
    r"(does ?n[o']t|do ?n[o']t|fails? to) (meet|satisfy|comply)|"
    r"(over|above|beyond|outside) (the )?(limit|threshold|budget|policy|cap)|"
    r"out of policy|not (allowed|permitted)|prohibited|disallowed|flagged|red flags?|"
    r"high risk|invalid|not (accurate|verified|true)|unverified|(cannot|can't) be verified|"
    r"no evidence|untrue|misleading|outdated|expired|(issues|problems|vulnerabilit\w+) found|"
    r"found \d+ (issues|problems|errors|vulnerabilit\w+))\b"
    r"|[\"'](failed|failures|errors)[\"']\s*:\s*(\[\s*[\"{]|[1-9])"
    r"|^\W*fail(ed)?\b|\bapproved[\"']?\s*[:=]\s*[\"']?(false|no)\b"
    r"|\b(not|never) (eligible|serviceable|airworthy|fit (for|to)\b|cleared\b|releasable)"
    r"|\b(ineligible|unserviceable|unairworthy|unfit (for|to)\b|not fit\b)"
    r"|\b(cannot|can't|must not|should not|shouldn't|mustn't) go (in|ahead|out|forward)\b"
    r"|\bblocks (this|the|its|our|your) \w+"
    r"|\b(fix|rebuild|patch|replace|remove|correct|resolve) [^.;]{0,60}\bbefore "
    r"(shipping|releasing|deploying|merging|sending|publishing|submitting|going live|paying|"
    r"filing)\b"
    r"|\bnot without (a |an |the )?(permission|approval|sign-?off|clearance|consent|"
    r"authori[sz]ation)"
    r"|\b(needs?|requires?|has to get|must get) (a |an |the )?[\w']* ?(permission|approval|"
    r"sign-?off|clearance|authori[sz]ation) (first|before)\b"
    r"|\bhas to (approve|clear|sign off) \w+( \w+)? first\b",
    re.IGNORECASE | re.MULTILINE,
)
_FLAG_KEYS = (
    r"(?:is_|can_)?(approved|passed|ok|valid|compliant|success|verified|eligible|permitted|"
    r"allowed|authori[sz]ed|safe|cleared|serviceable|airworthy|fit|feasible|acceptable)"
)
_PASSED_FLAG = re.compile(rf"[\"']{_FLAG_KEYS}[\"']\s*:\s*true", re.IGNORECASE)
_FAILED_FLAG = re.compile(rf"[\"']{_FLAG_KEYS}[\"']\s*:\s*false", re.IGNORECASE)
_EMPTY_AFTER = re.compile(r"""\\?["']?\s*:\s*(\[\s*\]|\{\s*\}|0\b|null\b|none\b)""", re.IGNORECASE)
_LOG_LINE = re.compile(r"\.py:\d+|\b[A-Z]\w*Warning\b")
_SHOUTED = re.compile(r"\b(FAIL|FAILED|REJECTED|NO-GO|BLOCKED)\b")
_NEGATED = re.compile(
    r"\b(no(?!\s*[-\u2013\u2014:,.;])|not|without|nothing|zero|never)\W+(\w+\W+){0,2}$",
    re.IGNORECASE,
)
"""A negation just before a match ("no discrepancies"), not an answer "No - …"."""

_REVISES = re.compile(
    r"\b(revis\w+|fix(ed|es|ing)?|correct(ed|ing|ion|ions)?|updat\w+|amend\w*|adjust\w*|"
    r"rework\w*|redo|re-?do|changed|changing|remov\w+|addressed|addressing|rewrit\w+|"
    r"re-?writ\w+|resubmit\w*|"
    r"re-?run|try again|retry\w*|change (the|it|this|that|its|their|your)|replac\w+|"
    r"instead|on hold|holding|hold (off|back|it|until|pending)|halt\w*|"
    r"(stays?|kept|keep|keeping|left|leave|leaving) (it |them |this |that )?off\b|"
    r"out of (service|use|action)|(take|taken|taking|took) out of|withdr[ae]w\w*|suspend\w*|"
    r"quarantin\w+|"
    r"stop\w*|pause\w*|escalat\w+|(waiting|wait|will wait) (for|until|on)|"
    r"(good|fair|nice) (catch|point)|you'?re (right|correct)|my (mistake|bad|error)|"
    r"(I )?stand corrected|I was (wrong|mistaken|thinking of)|"
    r"decline\w*|reject\w*|resiz\w+|reduc\w+|lower\w*|not (send|ship|publish|approve|"
    r"proceed|place|merge|release)\w*|won't|will not|cannot|can't)\b",
    re.IGNORECASE,
)

_DONE = re.compile(
    r"\b(done|complete[d]?|completion|finished|all set|all sorted|sorted out|taken care of|"
    r"(you're|you are|we're|we are|it's|they're|they are) (all |now |fully )?(booked|sorted|"
    r"confirmed|registered|enrolled|covered)\b|"
    r"covered|will be (re)?(delivered|shipped|sent|processed|refunded|booked|scheduled|"
    r"published|filed|loaded|created|issued)|"
    r"nothing (else |more |further )?(is )?(outstanding|left|pending|remaining)|"
    r"on (its|their|the) way|(is|are|has been|have been|was|were) (now )?(fully )?"
    r"(scheduled|booked|shipped|sent|live|published|filed|submitted|confirmed|processed|deployed|merged|"
    r"in place|created|issued|refunded|loaded|migrated|provisioned|set up|registered|"
    r"ready|handled|resolved|placed|reserved|enrolled|updated|reminded|notified|contacted|"
    r"informed|chased)|successfully|terminate|"
    r"nothing (else|more) (to do|needed)|no (further )?action (is )?(required|needed)|"
    r"no further action|nothing (else )?to action|nothing (else|more|further) needs? doing|"
    r"(it's|it is|all|everything('s| is)?) (all )?in hand|can be closed|"
    r"that's it|good to go|ready to go|wrapped up|all good|(is|are|has been|was) (now )?closed|"
    r"clos(e|ed|ing) (the|this|that) (intake|case|ticket|request|job|task|incident|matter)|"
    r"(is|are) (now )?confirmed|finali[sz]ed|went out|(?<!not )(?<!n't )(?<!never )"
    r"(handled|resolved|fixed|closed out))\b",
    re.IGNORECASE,
)

_DECLINES = re.compile(
    r"\b(I (only )?(handle|deal with|cover|specialize in|specialise in|focus on|work on|"
    r"am responsible for|take care of)|I can (only )?help (you )?with|"
    r"(that|this|your request|it) (is|falls|sits) outside|"
    r"outside (of )?(my|the) (scope|area|remit)|"
    r"not (something|what) I (can|handle|do|cover)|I can ?n[o']t help (you )?with|"
    r"I'?m not (able|the right)|I am not (able|the right)|not my (area|department|remit)|"
    r"wrong (department|team|desk|person)|please contact|reach out to|you('ll| will) need to "
    r"(contact|speak|ask|reach)|I don't have (access|the ability|a tool|tools)|"
    r"(can|could) you (send|give|share|provide) (me )?(the|your)|"
    r"isn't something I|is not something I|beyond (my|what I)|I('m| am) only able to|"
    r"I can only assist|my role is (limited|only)|not within my|I don'?t handle|"
    r"you (may|might) want to contact)",
    re.IGNORECASE,
)

_DOUBT = re.compile(
    r"\b(are you sure|I thought|double-?check|that (seems|sounds|looks) (high|low|off|wrong|"
    r"too)|isn't it|not sure (that|about|it)|I'?m not sure|I doubt|questionable|"
    r"I (recall|remember) (it|that|the)|shouldn't it be|should(n't)? it not be)\b",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"(?<![\d.])(?<![A-UW-Za-uw-z])(?<![A-Za-z]-)\d[\d,]*(?:\.\d+)?(?:\s?-\s?\d+)?%?"
)
"""A number (a version too: ``v2.4``), not the digits of a code such as ``TC-2`` or ``A350``."""
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_'-]{3,}")

ACTION_WORDS = frozenset(
    [
        "ship",
        "shipment",
        "send",
        "email",
        "mail",
        "notify",
        "book",
        "booking",
        "reserve",
        "reservation",
        "schedule",
        "publish",
        "post",
        "file",
        "submit",
        "submission",
        "pay",
        "payment",
        "refund",
        "transfer",
        "deploy",
        "deployment",
        "merge",
        "create",
        "update",
        "cancel",
        "cancellation",
        "order",
        "place",
        "dispatch",
        "register",
        "enrol",
        "enroll",
        "provision",
        "upload",
        "save",
        "issue",
        "apply",
        "execute",
        "load",
        "import",
        "export",
        "migrate",
        "deduplicate",
        "dedupe",
        "invite",
        "grant",
        "revoke",
        "write",
        "insert",
        "delete",
        "remove",
        "open",
        "close",
        "approve",
        "release",
        "repair",
    ]
)
"""Verbs of actions a model cannot do by talking: a tool has to do them."""


def tool_failed(text: str) -> bool:
    """A tool's result that reads as a failure to run (not a negative answer).

    A structured (JSON) result is a result, whatever its fields report (a test run with
    failures, a lookup that found nothing), unless its top level says ``error``.
    """
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = None
        if parsed is not None:
            return isinstance(parsed, dict) and bool(
                parsed.get("error") or str(parsed.get("status", "")).lower() in _ERROR_STATUS
            )
    return bool(_TOOL_FAILURE.search(text[:1500]))


_ERROR_STATUS = frozenset({"error", "failed", "failure", "exception", "timeout"})


def admits_failure(text: str) -> bool:
    """A model's text that says something did not work."""
    return bool(_ADMITS.search(text))


_HANDLED = re.compile(
    r"\b(resent|resubmitted|retried|re-?tried|on (the )?(second|next) (try|attempt)|"
    r"second (try|attempt|one|upload|call|run) (worked|succeeded|went through)|"
    r"(the )?second (went through|worked|succeeded)|was fixed and|then (worked|succeeded|"
    r"went through)|(the |a )?(retry|re-?try|second call|next attempt) (worked|succeeded|"
    r"went through|was successful))\b",
    re.IGNORECASE,
)


def reports_handled(text: str) -> bool:
    """Text that tells of a problem already dealt with (``was resent``, ``the second try
    worked``): a report, not a verdict."""
    return bool(_HANDLED.search(text))


def negative_verdict(text: str, topic: str = "") -> str | None:
    """The words of a negative verdict (rejected, does not pass, incorrect …), if any.

    A negation just before (``no discrepancies``, ``nothing incorrect``) does not count, nor
    do words that ``topic`` (the task) uses itself: what the work is about (a task about an
    email sent to the wrong address), not a judgement of it.
    """
    if _PASSED_FLAG.search(text) and not _FAILED_FLAG.search(text):
        return None  # a structured result that says it passed
    about = topic.lower()
    for match in _NEGATIVE.finditer(text):
        before = text[max(0, match.start() - 30) : match.start()]
        if _NEGATED.search(before) or _EMPTY_AFTER.match(text, match.end()):
            continue
        if about and re.search(rf"\b{re.escape(match.group(0).lower())}\b", about):
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if _LOG_LINE.search(text[start : end if end >= 0 else len(text)]):
            continue  # a library's warning printed into the conversation, not a verdict
        return match.group(0)
    flag = _FAILED_FLAG.search(text)
    if flag:
        return flag.group(0)
    shouted = _SHOUTED.search(text)
    return shouted.group(0) if shouted else None


def revises(text: str) -> bool:
    """Text that acts on criticism: fixes, corrects, holds, retries, declines …"""
    return bool(_REVISES.search(text))


def claims_done(text: str) -> str | None:
    """The words with which a text claims the work is done, if any."""
    match = _DONE.search(text)
    return match.group(0) if match else None


def declines(text: str) -> str | None:
    """The words with which an agent says the request is not for it, if any."""
    match = _DECLINES.search(text)
    return match.group(0) if match else None


def doubts(text: str) -> str | None:
    """The words with which an agent questions a claim, if any."""
    match = _DOUBT.search(text)
    return match.group(0) if match else None


def numbers(text: str) -> set[str]:
    """Numbers in a text (``1,200`` and ``1200`` alike; ``27-8`` kept whole)."""
    return {re.sub(r"[\s,]", "", n).rstrip("%") for n in _NUMBER.findall(text)}


def words(text: str) -> set[str]:
    """Lower-cased words of four letters or more."""
    return {w.lower().strip("'") for w in _WORD.findall(text)}


def stems(text: str) -> set[str]:
    """Word stems (the first five letters), to match ``shipment`` with ``ship``."""
    return {w[:5] if len(w) > 5 else w for w in words(text) | _split_identifiers(text)}


def _split_identifiers(text: str) -> set[str]:
    return {p.lower() for p in re.split(r"[^A-Za-z]+", text) if len(p) >= 4}


_GENERIC_ACTIONS = frozenset(
    [
        "create",
        "update",
        "write",
        "open",
        "close",
        "issue",
        "apply",
        "save",
        "post",
        "file",
        "order",
        "place",
        "execute",
    ]
)


def names_action(name: str) -> bool:
    """A tool name that starts with an action verb (``grant_vpn``, ``provision_laptop``)."""
    first = re.split(r"[^A-Za-z]+", name.strip().lower())[0]
    return first in ACTION_WORDS or first in _MORE_ACTIONS


_MORE_ACTIONS = frozenset(
    ["provision", "grant", "assign", "activate", "enable", "reschedule", "book", "set", "renew"]
)


def action_stems(text: str) -> set[str]:
    """Stems of the specific action verbs (:data:`ACTION_WORDS` but the generic ones such as
    *create*) a text asks for or a tool is named for, in any form (``repaired``, ``booking``)."""
    found = set()
    for part in {p.lower() for p in re.split(r"[^A-Za-z]+", text) if len(p) >= 3}:
        if part in _GENERIC_ACTIONS or part == "set":
            continue
        verb = part if part in _SPECIFIC_ACTIONS else _ACTION_BY_STEM.get(_snowball(part))
        if verb:
            found.add(verb[:4])
    return found


_STOP = FUNCTION_WORDS | frozenset(
    """thank hello want much many over after before again same even those these doing take
    know help cannot isn't it's i'm we're you're today yesterday tomorrow okay able""".split()  # noqa: SIM905
)


def content_words(text: str) -> set[str]:
    """Words of four letters or more that carry content (no common function words); words
    joined by hyphens or underscores count one by one (``non-refundable``: ``refundable``)."""
    out = set()
    for word in words(text):
        for part in re.split(r"[-_']", word):
            if len(part) >= 4 and part not in _STOP and not any(c.isdigit() for c in part):
                out.add(part)
    return out


_STEMMERS = threading.local()  # a Snowball stemmer keeps state while it works: one a thread


def stem(word: str) -> str:
    """The word's Snowball (Porter 2) stem, at most six letters: ``booked``, ``booking``:
    ``book``; ``renewed``, ``renewal``: ``renew``; ``members``, ``membership``: ``member``;
    ``departures``, ``departing``: ``depart``."""
    return _snowball(word)[:6]


def _snowball(word: str) -> str:
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word.lower()))


_SPECIFIC_ACTIONS = (ACTION_WORDS | _MORE_ACTIONS) - _GENERIC_ACTIONS - {"set"}
_ACTION_BY_STEM = {_snowball(w): w for w in sorted(_SPECIFIC_ACTIONS)}
"""An action verb by the stem of its forms (``repaired``, ``repairs``: ``repair``)."""


def addresses(answer: str, task: str) -> float:
    """The share of the task's content words (by stem) that the answer takes up."""
    wanted = {stem(w) for w in content_words(task)}
    if not wanted:
        return 1.0
    have = {stem(w) for w in content_words(answer)}
    return len(wanted & have) / len(wanted)


_QUOTED = re.compile(r"[\"'\u2018\u201c]([^\"'\u2019\u201d]{3,60})[\"'\u2019\u201d]")


def quoted(text: str) -> set[str]:
    """Short quoted passages of a text (the terms a reviewer objects to)."""
    return {q.strip().lower() for q in _QUOTED.findall(text) if q.strip()}


def calls_in_code(text: str, name: str) -> bool:
    """A code agent's step calls ``name`` in its code (``judges_sheet(section=…)``)."""
    return bool(name) and re.search(rf"(?<![\w.]){re.escape(name)}\s*\(", text) is not None
