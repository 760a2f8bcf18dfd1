"""Independent count of respondents, kept respondents and professionals per survey year, straight from
Kaggle's zips with Python's csv module, following each configs/YEAR.yaml as its README describes it (not the
project's code): the configured questions one-hot encoded, rows whose mean is at most dropRowMeanAtMost
dropped, then the professional rule (answers: every condition; variants: _A answered, no _B) and its
completeness rule (at least minAnswered of its questions answered). 2017's comma-joined multi-select cells
are split on commas not followed by a space (its choices with commas have ", " inside), not by the
project's longest-match."""
import csv, io, re, sys, zipfile, glob
import os
import yaml

# Run from the project root: python3 tests/integration/independent_counts.py [YEAR ...] (Debian's python3-yaml).
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'kaggle')

def read(year, cfg):
    zpath = glob.glob(f'{DATA}/{year}/*.zip')[0]
    z = zipfile.ZipFile(zpath)
    name = next(n for n in z.namelist() if n == cfg['responsesFile'] or n.endswith('/' + cfg['responsesFile']))
    enc = {'latin1': 'latin-1'}.get(cfg.get('encoding', 'utf-8'), cfg.get('encoding', 'utf-8'))
    rows = list(csv.reader(io.TextIOWrapper(z.open(name), encoding=enc, newline='')))
    header = [h.strip().lstrip('\ufeff') for h in rows[0]]
    body = rows[1:] if 'questionTexts' in cfg else rows[2:]
    blank = set(cfg.get('blankCells', []))
    def cell(r, i):
        v = r[i].strip()
        return '' if v in blank else v
    return header, body, cell

def question_of(col): return col.split('_')[0]
def free_text(col): return 'OTHER' in col or col.endswith('_TEXT')

def count(year):
    cfg = yaml.safe_load(open(f'{ROOT}/configs/{year}.yaml'))
    header, body, cell = read(year, cfg)
    cols_of = {}
    for i, c in enumerate(header):
        if not free_text(c): cols_of.setdefault(question_of(c), []).append(i)
    # features: per clustered question, a list of functions row -> 0/1
    ones = [0] * len(body)
    nfeatures = 0
    for q in cfg['questions']:
        if q['group'] == 'valid': continue
        idx = cols_of[q['code']]
        if q.get('joined'):
            i = idx[0]
            parts = [set(re.split(r',(?! )', cell(r, i))) - {''} for r in body]
            choices = sorted(set().union(*parts))
            nfeatures += len(choices)
            for k, p in enumerate(parts): ones[k] += len(p)
        elif q['type'] == 'multi':
            for i in idx:
                chosen = [1 if cell(r, i) else 0 for r in body]
                if any(chosen):
                    nfeatures += 1
                    for k, v in enumerate(chosen): ones[k] += v
        else:
            for i in idx:
                answers = set(cell(r, i) for r in body) - {''}
                nfeatures += len(answers)
                for k, r in enumerate(body): ones[k] += 1 if cell(r, i) else 0
    kept = [k for k in range(len(body)) if nfeatures > 0 and ones[k] / nfeatures > cfg.get('dropRowMeanAtMost', 0.01)]
    rule = cfg['professional']
    def answered(r, code): return any(cell(r, i) for i in cols_of.get(code, []))
    pros = 0
    if rule['rule'] == 'variants':
        a_cols = [i for q in rule['questions'] for i, c in enumerate(header) if re.match(rf'^{q}_A(_|$)', c)]
        b_cols = [i for q in rule['questions'] for i, c in enumerate(header) if re.match(rf'^{q}_B(_|$)', c)]
    for k in kept:
        r = body[k]
        if rule['rule'] == 'answers':
            ok = True
            for c in rule['conditions']:
                i = header.index(c['question']) if c['question'] in header else cols_of[c['question']][0]
                v = cell(r, i)
                ok &= bool(v) and (v in c['anyOf'] if 'anyOf' in c else v not in c['noneOf'])
        else:
            # Every _A/_B column counts, its free-text "Other" column too, as README's "answered the _A forms".
            a = sum(1 for i in a_cols if cell(r, i))
            b = sum(1 for i in b_cols if cell(r, i))
            ok = b == 0 and a >= rule.get('minAnswers', 1)
        if ok and 'complete' in rule:
            ok = sum(1 for q in rule['complete']['questions'] if answered(r, q)) >= rule['complete']['minAnswered']
        pros += ok
    return len(body), len(kept), pros

for year in map(int, sys.argv[1:] or [2017, 2018, 2019, 2020, 2021, 2022]):
    n, kept, pros = count(year)
    print(f'{year}: respondents {n:,}, kept {kept:,}, professionals {pros:,}', flush=True)
