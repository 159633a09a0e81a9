#!/usr/bin/python3
"""Loads YAML files with Ansible's own loader and prints one JSON line per file.

The oracle of test/unit/yaml/ansibleDifferential.test.ts: Ansible reads role, playbook and vars
files with ansible.parsing.yaml.loader.AnsibleLoader (PyYAML on libyaml, Ansible's constructor),
which accepts the !vault and !unsafe tags that yaml.safe_load rejects. Values that JSON cannot
say the way JavaScript reads them are written as markers: dates, binary, non-finite floats.

Usage: ansible_load.py FILE...      (or file names on stdin, one a line, when none are given)
Output: {"file": F, "ok": true, "value": [doc]} ([] for a file with no document) or
        {"file": F, "ok": false, "error": "..."}
"""
import base64
import datetime
import json
import math
import sys
import warnings

warnings.simplefilter('ignore')  # the loader's deprecation chatter is not a result

from ansible.parsing.yaml.loader import AnsibleLoader  # noqa: E402
from ansible.parsing.yaml.objects import AnsibleVaultEncryptedUnicode  # noqa: E402


def key_text(key):
    """A mapping key as JavaScript's String() writes the same value (Certify's keys are strings)."""
    if key is None:
        return ''
    if key is True:
        return 'true'
    if key is False:
        return 'false'
    return json.dumps(normalise(key)) if not isinstance(key, str) and not isinstance(key, (int, float)) else number_or_text(key)


def number_or_text(key):
    if isinstance(key, float):
        if math.isnan(key):
            return 'NaN'
        if math.isinf(key):
            return 'Infinity' if key > 0 else '-Infinity'
        return repr(int(key)) if key.is_integer() and abs(key) < 1e21 else repr(key)
    return str(key)


def normalise(value):
    """The loaded value in JSON terms, with markers for what JSON cannot hold."""
    if isinstance(value, AnsibleVaultEncryptedUnicode):
        # Certify reads a vault value as its text (repo/secretVars finds the $ANSIBLE_VAULT header in it).
        return str(value._ciphertext.decode('utf-8'))
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return str(value) if isinstance(value, str) else value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return {'$float': 'nan'}
        if math.isinf(value):
            return {'$float': 'inf' if value > 0 else '-inf'}
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return {'$date': value.isoformat(timespec='milliseconds') + 'Z'}
    if isinstance(value, datetime.date):
        return {'$date': value.isoformat() + 'T00:00:00.000Z'}
    if isinstance(value, (bytes, bytearray)):
        return {'$binary': base64.b64encode(bytes(value)).decode('ascii')}
    if isinstance(value, dict):
        return {key_text(k): normalise(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return {key_text(k): None for k in value}
    if isinstance(value, (list, tuple)):
        return [normalise(item) for item in value]
    return {'$object': type(value).__name__}


def load(path):
    with open(path, 'rb') as handle:
        data = handle.read()
    try:
        text = data.decode('utf-8')
        loader = AnsibleLoader(text, path)
        try:
            # Ansible's DataLoader takes one document per file (get_single_data): a second
            # document, even an empty one, makes it refuse the whole file.
            documents = []
            if loader.check_data():
                documents.append(normalise(loader.get_data()))
                if loader.check_data():
                    return {'file': path, 'ok': False, 'error': 'ComposerError: expected a single document in the stream, but found another document'}
        finally:
            loader.dispose()
        return {'file': path, 'ok': True, 'value': documents}
    except RecursionError:
        return {'file': path, 'ok': False, 'error': 'nested too deep'}
    except Exception as error:  # a YAMLError, ConstructorError or a decoding error: all are rejections
        return {'file': path, 'ok': False, 'error': describe(error)}


def describe(error):
    """The error's class, problem and position (line:column, 1-based) on one line."""
    problem = getattr(error, 'problem', None)
    mark = getattr(error, 'problem_mark', None)
    if problem and mark is not None:
        return '%s: %s at %d:%d' % (type(error).__name__, problem, mark.line + 1, mark.column + 1)
    return (type(error).__name__ + ': ' + str(error)).splitlines()[0][:300]


def main():
    files = sys.argv[1:] or [line.rstrip('\n') for line in sys.stdin if line.strip()]
    out = sys.stdout
    for path in files:
        out.write(json.dumps(load(path), ensure_ascii=False, allow_nan=False) + '\n')


if __name__ == '__main__':
    main()
