// Step 8's "service no longer accessible": after the wipe, the URL must not be served. With a
// reverse proxy in front (Traefik, nginx, HAProxy) the URL still answers, with the proxy's
// "no backend" status; anything else that answers is still serving it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { serviceGone } from '../../../../src/run/plan/steps/wipe';

const URL = 'https://notes.example.net/healthz';

test('no connection at all: gone, with curl\'s reason', () => {
  const judged = serviceGone(URL, 0, 'curl: (7) Failed to connect to notes.example.net port 443 after 3066 ms: Couldn\'t connect to server');
  assert.equal(judged.gone, true);
  assert.match(judged.evidence, /no answer \(curl: \(7\) Failed to connect/);
});

test("a gateway's bad gateway, unavailable or timeout: gone, said as such", () => {
  for (const status of [502, 503, 504]) {
    const judged = serviceGone(URL, status, '');
    assert.equal(judged.gone, true, String(status));
    assert.match(judged.evidence, new RegExp(`answers ${status}, as a gateway in front does with no service behind it`));
  }
});

test("Cloudflare's origin-down answers: gone; its answers about an origin that did answer: not", () => {
  for (const status of [521, 522, 523, 530]) {
    const judged = serviceGone(URL, status, '');
    assert.equal(judged.gone, true, String(status));
    assert.match(judged.evidence, new RegExp(`answers ${status}, as Cloudflare does when it cannot reach the origin`));
  }
  for (const status of [520, 524]) assert.equal(serviceGone(URL, status, '').gone, false, String(status));
});

test('any other answer means something still serves the URL', () => {
  for (const status of [200, 204, 301, 401, 404, 500, 501, 505]) {
    const judged = serviceGone(URL, status, '');
    assert.equal(judged.gone, false, String(status));
    assert.equal(judged.evidence, `${URL} still answers ${status}`);
  }
});
