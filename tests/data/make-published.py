#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes case-level fixtures consistent with two published HMIP reports.

The reports publish, per key question, the % of cases answered "yes" among
the relevant ones; we choose whole-case counts (yes, no, n/a) that give
exactly those figures, spread them over invented cases, and write the CSV
files the tests import. References are invented; no personal data.

    python3 make-published.py   # rewrites published/*.csv
"""
import csv
import os
import random

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "published")

# Brent 2019 (Annex 2): question -> (yes, no, na); 29 court, 20 out-of-court.
BRENT = {
    "court": (29, {
        "2.1.1": (25, 4, 0),   # 86.2 -> 86
        "2.1.2": (23, 6, 0),   # 79.3 -> 79
        "2.1.3": (19, 10, 0),  # 65.5 -> 66 (rounding decides: Good)
        "2.2.1": (27, 2, 0),   # 93.1 -> 93
        "2.2.2": (24, 5, 0),   # 82.8 -> 83
        "2.2.3": (21, 7, 1),   # 75.0
        "2.3.1": (23, 5, 1),   # 82.1 -> 82
        "2.3.2": (22, 7, 0),   # 75.9 -> 76
        "2.3.3": (20, 9, 0),   # 69.0
        "2.4.1": (18, 3, 8),   # 85.7 -> 86
        "2.4.2": (11, 6, 12),  # 64.7 -> 65 (rounding decides: Good); "In 17 cases … In 6 of
                               # these, the change was either not identified or not responded to"
        "2.4.3": (12, 3, 14),  # 80.0, "12 of 15 relevant cases"
    }),
    "out-of-court": (20, {
        "3.1.1": (16, 4, 0),   # 80
        "3.1.2": (13, 7, 0),   # 65
        "3.1.3": (16, 4, 0),   # 80
        "3.2.1": (14, 6, 0),   # 70
        "3.2.2": (13, 7, 0),   # 65
        "3.2.3": (11, 2, 7),   # 84.6 -> 85: YCC cases "always sufficient" (10 of 10), "only a
                               # third of triage cases had a suitable risk management plan" (1 of 3
                               # where one was needed)
        "3.3.1": (13, 7, 0),   # 65
        "3.3.2": (12, 5, 3),   # 70.6 -> 71
        "3.3.3": (8, 5, 7),    # 61.5 -> 62, "8 of 13"
        "3.4.1": (11, 4, 5),   # 73.3 -> 73
        "3.4.2": (15, 5, 0),   # 75
    }),
}
# Prompt-level figures the report gives: 2.4.3 "their views taken into account
# in 10 of the relevant 15 cases" (parents/carers and children involved in the
# risk review), over the 15 cases where 2.4.3 applies.
BRENT_PROMPTS = {
    "2.4.3.d": ("2.4.3", 10, 5),
}
# The rationales say what the report says of each organisational standard.
# Out-of-court cases split as the report does: 10 triage cases (community
# resolutions) and 10 YCC / youth caution cases. Where the report gives a
# figure per group, the group's answers are chosen to match it (yes, no, n/a):
#   3.1.x, "Assessment of desistance was sufficient in 60 per cent, safety and
#   wellbeing in 50 per cent, and risk of harm in 60 per cent of triage cases";
#   3.2.3, see above.
TRIAGE = "community resolution"
BRENT_GROUPS = {
    "3.1.1": {"triage": (6, 4, 0), "ycc": (10, 0, 0)},
    "3.1.2": {"triage": (5, 5, 0), "ycc": (8, 2, 0)},
    "3.1.3": {"triage": (6, 4, 0), "ycc": (10, 0, 0)},
    "3.2.3": {"triage": (1, 2, 7), "ycc": (10, 0, 0)},
}
# A finding that informs but is not scored (O1.1, management oversight), per
# group: "effective in 72 per cent of court cases, 67 per cent of YCC/youth
# caution cases and only 38 per cent of triage cases". 21 of 29 court cases
# (72.4); 6 of 9 YCC cases (66.7) and 3 of 8 triage cases (37.5). Out of 10
# cases, 3 of 8 is the only count that gives 38 per cent; 67 per cent could be
# 2 of 3, 4 of 6 or 6 of 9, and we take the one with the most cases relevant.
BRENT_INFORMS = {
    "O1.1": {"court": (21, 8, 0), "triage": (3, 5, 2), "ycc": (6, 3, 1)},
}
BRENT_JUDGEMENTS = [
    ("1.1", "good", "Clear vision and strategy; attendance at the Board has been variable."),
    ("1.2", "good", "Staff well supported and trained."),
    ("1.3", "requires-improvement",
     "Partnerships well developed, but they do not always provide the full range of support children need."),
    ("1.4", "requires-improvement", "The facilities to see and supervise children and young people are limited."),
]

# Barking and Dagenham 2025: 21 children's cases, 15 victim cases.
BD = {
    "child": (21, {
        "2.1.1": (19, 2, 0),   # 90.5 -> 90
        "2.1.2": (14, 7, 0),   # 66.7 -> 67
        "2.2.1": (19, 2, 0),   # 90
        "2.2.2": (17, 4, 0),   # 81.0 -> 81
        "2.3.1": (19, 2, 0),   # 90
        "2.3.2": (19, 2, 0),   # 90
    }),
    "victim": (15, {
        "V1.1": (9, 6, 0),     # invented: the report publishes no figure for V1.1; 60 % is
                               # made up to give the judged V1 some case evidence
    }),
}
BD_JUDGEMENTS = [
    ("V1", "requires-improvement", "Case work with victims sound; strategy and data missing."),
]

DISPOSALS = {
    "court": ["referral order", "youth rehabilitation order", "detention and training order"],
    "out-of-court": ["youth conditional caution", "youth caution", "community resolution"],
    "child": ["bail", "remand", "community sentence", "out-of-court resolution"],
    "victim": ["victim"],
}
LEVELS = ["low", "medium", "high", "very high"]
INSPECTORS = ["Inspector A", "Inspector B", "Inspector C"]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def group_of(kind, disposal):
    if kind != "out-of-court":
        return kind
    return "triage" if disposal == TRIAGE else "ycc"


def build(prefix, sample, seed, prompts=None, groups=None, informs=None):
    rnd = random.Random(seed)
    grnd = random.Random(seed + 2)
    cases, answers = [], []
    for kind, (n, questions) in sample.items():
        refs = ["%s-%s-%03d" % (prefix, kind[:2].upper(), i + 1) for i in range(n)]
        disposal_of = {}
        for i, ref in enumerate(refs):
            disposal = rnd.choice(DISPOSALS[kind])
            if groups and kind == "out-of-court":
                # half triage, half YCC / youth caution
                disposal = TRIAGE if i % 2 == 0 else ("youth conditional caution" if i % 4 == 1 else "youth caution")
            disposal_of[ref] = disposal
            cases.append([ref, kind, disposal, rnd.choice(["boy", "girl"]),
                          rnd.choice(["10-14", "15-17"]), rnd.choice(["white", "black", "asian", "mixed"]),
                          rnd.choice(LEVELS), rnd.choice(LEVELS), "Case manager %d" % (i % 6 + 1),
                          INSPECTORS[i % 3]])
        # questions answered per group, as the report gives them
        for q, by_group in (groups or {}).items():
            for group, (yes, no, na) in by_group.items():
                members = [r for r in refs if group_of(kind, disposal_of[r]) == group]
                if not members:
                    continue
                assert yes + no + na == len(members), (q, group, len(members))
                values = ["yes"] * yes + ["no"] * no + ["na"] * na
                grnd.shuffle(values)
                for ref, value in zip(members, values):
                    answers.append([ref, q, value, "" if value == "yes" else "Evidence, see case file (%s)" % q])
        for q, (yes, no, na) in questions.items():
            assert yes + no + na == n, (q, yes, no, na, n)
            values = ["yes"] * yes + ["no"] * no + ["na"] * na
            rnd.shuffle(values)
            if groups and q in groups:
                # the group totals must be the published figure
                given = [a[2] for a in answers if a[1] == q and a[0] in refs]
                assert sorted(given) == sorted(values), (q, given, values)
                continue
            for ref, value in zip(refs, values):
                note = "" if value == "yes" else ("Evidence, see case file (%s)" % q)
                answers.append([ref, q, value, note])
    # questions that inform, from their own generator, so everything above
    # stays as it was
    irnd = random.Random(seed + 3)
    kind_of = {c[0]: c[1] for c in cases}
    disposal_of = {c[0]: c[2] for c in cases}
    for q, by_group in (informs or {}).items():
        for group, (yes, no, na) in by_group.items():
            members = [c[0] for c in cases if group_of(kind_of[c[0]], disposal_of[c[0]]) == group]
            assert yes + no + na == len(members), (q, group, len(members))
            values = ["yes"] * yes + ["no"] * no + ["na"] * na
            irnd.shuffle(values)
            for ref, value in zip(members, values):
                answers.append([ref, q, value, "" if value == "yes" else "Evidence, see case file (%s)" % q])
    # prompts last, from their own generator, so the key questions' answers
    # stay as they were. A "no" goes first to the cases whose key question is
    # "No"; where a "Yes" case gets a "no", its first prompt is "yes", so no
    # case reads as self-contradictory (the review flags "Yes" with every
    # answered prompt "No")
    prnd = random.Random(seed + 1)
    for prompt, (question, yes, no) in (prompts or {}).items():
        given = {a[0]: a[2] for a in answers if a[1] == question and a[2] in ("yes", "no")}
        assert len(given) == yes + no, (prompt, len(given), yes, no)
        refs = sorted(given)
        prnd.shuffle(refs)
        refs.sort(key=lambda r: given[r] == "yes")   # the "No" cases first
        for i, ref in enumerate(refs):
            value = "no" if i < no else "yes"
            answers.append([ref, prompt, value, "" if value == "yes" else "Evidence, see case file (%s)" % prompt])
            if value == "no" and given[ref] == "yes":
                answers.append([ref, question + ".a", "yes", ""])
    return cases, answers


def main():
    os.makedirs(HERE, exist_ok=True)
    case_header = ["reference", "kind", "disposal", "gender", "age", "ethnicity", "rosh",
                   "safety_wellbeing", "case_manager", "inspector"]
    for prefix, sample, judgements, seed, prompts, groups, informs in (
            ("brent-2019", BRENT, BRENT_JUDGEMENTS, 2019, BRENT_PROMPTS, BRENT_GROUPS, BRENT_INFORMS),
            ("bd-2025", BD, BD_JUDGEMENTS, 2025, None, None, None)):
        short = "BR" if prefix.startswith("brent") else "BD"
        cases, answers = build(short, sample, seed, prompts, groups, informs)
        write(prefix + "-cases.csv", case_header, cases)
        write(prefix + "-answers.csv", ["reference", "question", "answer", "note"], answers)
        write(prefix + "-judgements.csv", ["standard", "rating", "rationale"], judgements)


if __name__ == "__main__":
    main()
