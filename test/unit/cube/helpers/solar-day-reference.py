"""Reference for solar-day grouping: odc-stac's algorithm transcribed (odc/stac/model.py
_convert_to_solar_time and odc/stac/_load.py _group_items), with the platform added to the key.

usage: solar-day-reference.py '<json>'  json = {"scenes": [{id, platform, datetime, longitude}], "longitude": null | number}
prints [{label, platform, datetime, scenes: [ids]}], groups ordered by (earliest datetime, platform, label).
"""
import datetime as dt
import json
import sys

request = json.loads(sys.argv[1])
fixed_lon = request['longitude']


def convert_to_solar_time(utc, longitude):
    offset_seconds = int(longitude / 15) * 3600  # as odc-stac: whole hours, truncated toward zero
    return utc + dt.timedelta(seconds=offset_seconds)


def parse(text):
    return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)


def iso_ms(t):
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + f'{t.microsecond // 1000:03d}Z'


rows = []
for scene in request['scenes']:
    t = parse(scene['datetime'])
    t = t.replace(microsecond=t.microsecond // 1000 * 1000)  # JavaScript dates hold milliseconds
    lon = fixed_lon if fixed_lon is not None else scene['longitude']
    platform = scene['platform'].strip().lower().replace('_', '-')
    rows.append(((platform, convert_to_solar_time(t, lon).date()), t, scene['id']))

rows.sort(key=lambda r: (r[0], r[1], r[2]))  # _group_items: group key, then time, then id
groups = {}
for key, t, scene_id in rows:
    groups.setdefault(key, []).append((t, scene_id))
out = [
    {'label': day.isoformat(), 'platform': platform, 'datetime': iso_ms(members[0][0]), 'scenes': [i for _, i in members]}
    for (platform, day), members in groups.items()
]
out.sort(key=lambda g: (g['datetime'], g['platform'], g['label']))
print(json.dumps(out))
