"""High-precision expected purchases of an alive BG/NBD and MBG/NBD customer over a grid that
includes the extreme parameters (r up to 1e6, a down to 1e-6). Writes
test/fixtures/bgnbd-edges.json; run from the repository root with Debian's python3-mpmath:

    python3 test/reference/bgnbd_edges.py

E = (c / (a - 1)) * (1 - (A / (A + t))^K * 2F1(K, B; c; t / (A + t))), with, for BG/NBD,
K = r + x, B = b + x, c = a + b + x - 1 and, for MBG/NBD, B = b + x + 1, c = a + b + x; A = alpha + T,
which is the integral over the drop-out probability p ~ Beta(a, B) of (1/p)(1 - E[e^(-lambda p t)]).
Evaluated as the integral below at 30 significant digits and checked against the closed form
(where its series is short enough to sum)
(1/B(a, B)) * int_0^1 p^(a-2) (1-p)^(B-1) (1 - (1 + p t / A)^(-K)) dp, computed in u = -log p.
"""
import json
import itertools
import mpmath as mp

mp.mp.dps = 30


def closed(a, B, K, A, t):
    # after Euler's transformation: 2F1(K, B; c; z) = (1 - z)^(c - K - B) 2F1(c - K, c - B; c; z)
    c = a + B - 1
    z = t / (A + t)
    f = mp.hyp2f1(c - K, c - B, c, z, maxterms=10**5)
    return c / (a - 1) * (1 - (1 - z) ** (c - B) * f)


def integral(a, B, K, A, t):
    # p = exp(-u): dp = -p du; integrand p^(a-1) (1-p)^(B-1) (1 - (1 + p t/A)^-K)
    def f(u):
        p = mp.exp(-u)
        return p ** (a - 1) * (-mp.expm1(-u)) ** (B - 1) * (-mp.expm1(-K * mp.log1p(p * t / A)))

    knee = max(mp.mpf(1), mp.log(K * t / A)) if K * t / A > 1 else mp.mpf(1)
    points = [0, mp.mpf('0.5'), 1, knee, knee + 5, knee + 20, knee + 60]
    points = sorted(set(points))
    head = mp.quad(f, points)
    # beyond the last point 1 - (1+pt/A)^-K = K p t / A (1 + O(K p t / A)) and (1-p)^(B-1) = 1 + O(p)
    U = points[-1]
    tail = K * t / A * mp.exp(-a * U) / a
    return (head + tail) / mp.beta(a, B)


rows = []
for model, r, a, b, alpha_scale, x, t in itertools.product(
    ['bgnbd', 'mbgnbd'],
    ['0.5', '10', '1000', '30000', '100000', '1000000'],
    ['1e-6', '1e-5', '1e-3', '0.01', '0.3', '1.5', '4'],
    ['0.5', '5'],
    ['small', 'matched'],
    [0, 20],
    ['52'],
):
    r, a, b, t = mp.mpf(r), mp.mpf(a), mp.mpf(b), mp.mpf(t)
    T = mp.mpf(30)
    # 'matched': alpha grows with r so that the mean rate r/alpha stays 0.5 per unit
    alpha = mp.mpf(2) if alpha_scale == 'small' else 2 * r
    K = r + x
    B = b + x + (1 if model == 'mbgnbd' else 0)
    A = alpha + T
    value = integral(a, B, K, A, t)
    try:
        if K * t / (A + t) > 2000:
            raise mp.libmp.NoConvergence('series too long to check')
        check = closed(a, B, K, A, t)
        if abs(value - check) / abs(value) > mp.mpf('1e-15'):
            print('disagree', model, r, a, b, alpha, x, t, value, check)
    except mp.libmp.NoConvergence:
        pass
    rows.append({
        'model': model, 'r': float(r), 'alpha': float(alpha), 'a': float(a), 'b': float(b),
        'x': x, 'T': float(T), 't': float(t), 'expected': mp.nstr(value, 20),
    })

with open('test/fixtures/bgnbd-edges.json', 'w') as f:
    json.dump(rows, f, indent=0)
    f.write('\n')
print(len(rows), 'rows')
