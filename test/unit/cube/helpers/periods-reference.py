"""Calendar periods from Python's datetime, for periods.test.ts.

usage: periods-reference.py <first YYYY-MM-DD> <last YYYY-MM-DD>
prints {"dates": [...], "periods": {kind: [[label, start, end] for each date]}} for every date
from first to last.
"""
import calendar
import datetime as dt
import json
import sys

first, last = dt.date.fromisoformat(sys.argv[1]), dt.date.fromisoformat(sys.argv[2])
SEASON = {12: 'djf', 1: 'djf', 2: 'djf', 3: 'mam', 4: 'mam', 5: 'mam', 6: 'jja', 7: 'jja', 8: 'jja', 9: 'son', 10: 'son', 11: 'son'}


def month_end(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def day(d):
    return [d.strftime('%Y-%j'), d, d]


def week(d):
    iso = d.isocalendar()
    monday = d - dt.timedelta(days=iso.weekday - 1)
    return [f'{iso.year}-{iso.week:02d}', monday, monday + dt.timedelta(days=6)]


def dekad(d):
    third = min((d.day - 1) // 10, 2)
    start = dt.date(d.year, d.month, 1 + 10 * third)
    end = month_end(d.year, d.month) if third == 2 else start + dt.timedelta(days=9)
    return [f'{d.year}-{(d.month - 1) * 3 + third + 1:02d}', start, end]


def month(d):
    return [f'{d.year}-{d.month:02d}', d.replace(day=1), month_end(d.year, d.month)]


def season(d):
    start_month = {12: 12, 1: 12, 2: 12, 3: 3, 4: 3, 5: 3, 6: 6, 7: 6, 8: 6, 9: 9, 10: 9, 11: 9}[d.month]
    start_year = d.year - 1 if d.month in (1, 2) else d.year
    start = dt.date(start_year, start_month, 1)
    end_month = (start_month + 1) % 12 + 1
    end_year = start_year + 1 if start_month == 12 else start_year
    label_year = end_year
    return [f'{label_year}-{SEASON[d.month]}', start, month_end(end_year, end_month)]


def year(d):
    return [str(d.year), dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)]


kinds = {'day': day, 'week': week, 'dekad': dekad, 'month': month, 'season': season, 'year': year}
dates = []
d = first
while d <= last:
    dates.append(d)
    d += dt.timedelta(days=1)
print(json.dumps({
    'dates': [x.isoformat() for x in dates],
    'periods': {k: [[p[0], p[1].isoformat(), p[2].isoformat()] for p in map(f, dates)] for k, f in kinds.items()},
}))
