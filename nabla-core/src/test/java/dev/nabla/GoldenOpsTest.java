package dev.nabla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.autograd.Engine;
import dev.nabla.testing.Golden;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op against PyTorch 1.13: forward values and dtypes, and the gradient of every input for a given upstream
 * gradient, including broadcast, 0-dim, non-contiguous (transposed, expanded, sliced) and mixed-dtype inputs.
 * The cases are written by tools/golden/ops_golden.py; the op names below are the keys of its OPS table.
 */
class GoldenOpsTest {
    private static final String[] FILES = {"binary", "unary", "comparison", "special", "edges", "promotion", "linalg", "views", "reduce", "index"};

    /** One op: its inputs (after their views) and the case's arguments, to its outputs. */
    private static final Map<String, BiFunction<Tensor[], JsonNode, Tensor[]>> OPS = new HashMap<>();

    private static void op(String name, BiFunction<Tensor[], JsonNode, Tensor> f) {
        OPS.put(name, (x, a) -> new Tensor[] {f.apply(x, a)});
    }

    private static void multi(String name, BiFunction<Tensor[], JsonNode, List<Tensor>> f) {
        OPS.put(name, (x, a) -> f.apply(x, a).toArray(new Tensor[0]));
    }

    private static int[] ints(JsonNode n) {
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) r[i] = n.get(i).asInt();
        return r;
    }

    /** A scalar argument; non-finite ones are written as strings. */
    private static double num(JsonNode v) {
        if (!v.isTextual()) return v.asDouble();
        return switch (v.asText()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> throw new IllegalArgumentException("not a number: " + v);
        };
    }

    private static double optional(JsonNode a, String key) {
        return a.has(key) && !a.get(key).isNull() ? a.get(key).asDouble() : Double.NaN;
    }

    static {
        op("add", (x, a) -> x[0].add(x[1]));
        op("add_scalar", (x, a) -> x[0].add(num(a.get("s"))));
        op("add_alpha", (x, a) -> x[0].add(x[1], a.get("alpha").asDouble()));
        op("sub", (x, a) -> x[0].sub(x[1]));
        op("sub_scalar", (x, a) -> x[0].sub(num(a.get("s"))));
        op("rsub_scalar", (x, a) -> x[0].rsub(num(a.get("s"))));
        op("mul", (x, a) -> x[0].mul(x[1]));
        op("mul_scalar", (x, a) -> x[0].mul(num(a.get("s"))));
        op("div", (x, a) -> x[0].div(x[1]));
        op("div_scalar", (x, a) -> x[0].div(num(a.get("s"))));
        op("pow_scalar", (x, a) -> x[0].pow(a.get("e").asDouble()));
        op("pow_tensor", (x, a) -> x[0].pow(x[1]));
        op("maximum", (x, a) -> x[0].maximum(x[1]));
        op("minimum", (x, a) -> x[0].minimum(x[1]));
        op("neg", (x, a) -> x[0].neg());
        op("exp", (x, a) -> x[0].exp());
        op("log", (x, a) -> x[0].log());
        op("sqrt", (x, a) -> x[0].sqrt());
        op("rsqrt", (x, a) -> x[0].rsqrt());
        op("abs", (x, a) -> x[0].abs());
        op("sigmoid", (x, a) -> x[0].sigmoid());
        op("tanh", (x, a) -> x[0].tanh());
        op("relu", (x, a) -> x[0].relu());
        op("sin", (x, a) -> x[0].sin());
        op("cos", (x, a) -> x[0].cos());
        op("reciprocal", (x, a) -> x[0].reciprocal());
        op("square", (x, a) -> x[0].square());
        op("sign", (x, a) -> x[0].sign());
        op("clamp", (x, a) -> x[0].clamp(optional(a, "min"), optional(a, "max")));
        op("softmax", (x, a) -> x[0].softmax(a.get("dim").asInt()));
        op("log_softmax", (x, a) -> x[0].logSoftmax(a.get("dim").asInt()));
        op("where", (x, a) -> Nabla.where(x[0], x[1], x[2]));
        op("where_scalar", (x, a) -> Nabla.where(x[0], x[1], num(a.get("s"))));
        op("masked_fill", (x, a) -> x[0].maskedFill(x[1], a.get("value").asDouble()));
        op("eq", (x, a) -> x[0].eq(x[1]));
        op("ne", (x, a) -> x[0].ne(x[1]));
        op("gt", (x, a) -> x[0].gt(x[1]));
        op("lt", (x, a) -> x[0].lt(x[1]));
        op("ge", (x, a) -> x[0].ge(x[1]));
        op("le", (x, a) -> x[0].le(x[1]));
        op("eq_scalar", (x, a) -> x[0].eq(num(a.get("s"))));
        op("ne_scalar", (x, a) -> x[0].ne(num(a.get("s"))));
        op("gt_scalar", (x, a) -> x[0].gt(num(a.get("s"))));
        op("lt_scalar", (x, a) -> x[0].lt(num(a.get("s"))));
        op("ge_scalar", (x, a) -> x[0].ge(num(a.get("s"))));
        op("le_scalar", (x, a) -> x[0].le(num(a.get("s"))));
        op("logical_not", (x, a) -> x[0].logicalNot());
        op("logical_and", (x, a) -> x[0].logicalAnd(x[1]));
        op("logical_or", (x, a) -> x[0].logicalOr(x[1]));
        op("to", (x, a) -> x[0].to(DType.valueOf(a.get("dtype").asText().toUpperCase(Locale.ROOT))));
        op("matmul", (x, a) -> x[0].matmul(x[1]));
        op("mm", (x, a) -> x[0].mm(x[1]));
        op("bmm", (x, a) -> x[0].bmm(x[1]));
        op("t", (x, a) -> x[0].t());
        op("transpose", (x, a) -> x[0].transpose(a.get("d0").asInt(), a.get("d1").asInt()));
        op("permute", (x, a) -> x[0].permute(ints(a.get("dims"))));
        op("reshape", (x, a) -> x[0].reshape(ints(a.get("shape"))));
        op("view", (x, a) -> x[0].view(ints(a.get("shape"))));
        op("flatten", (x, a) -> x[0].flatten(a.path("start").asInt(0), a.path("end").asInt(-1)));
        op("unflatten", (x, a) -> x[0].unflatten(a.get("dim").asInt(), ints(a.get("sizes"))));
        op("squeeze", (x, a) -> x[0].squeeze());
        op("squeeze_dim", (x, a) -> x[0].squeeze(a.get("dim").asInt()));
        op("unsqueeze", (x, a) -> x[0].unsqueeze(a.get("dim").asInt()));
        op("expand", (x, a) -> x[0].expand(ints(a.get("sizes"))));
        op("narrow", (x, a) -> x[0].narrow(a.get("dim").asInt(), a.get("start").asInt(), a.get("length").asInt()));
        op("slice", (x, a) -> x[0].slice(a.get("dim").asInt(), a.get("start").asInt(), a.get("end").asInt(), a.get("step").asInt()));
        op("select", (x, a) -> x[0].select(a.get("dim").asInt(), a.get("index").asInt()));
        op("contiguous", (x, a) -> x[0].contiguous());
        op("clone", (x, a) -> x[0].clone());
        op("repeat", (x, a) -> x[0].repeat(ints(a.get("repeats"))));
        op("sum", (x, a) -> x[0].sum());
        op("sum_dims", (x, a) -> x[0].sum(ints(a.get("dims")), a.get("keepdim").asBoolean()));
        op("mean", (x, a) -> x[0].mean());
        op("mean_dims", (x, a) -> x[0].mean(ints(a.get("dims")), a.get("keepdim").asBoolean()));
        op("prod", (x, a) -> x[0].prod());
        op("max_all", (x, a) -> x[0].max());
        op("min_all", (x, a) -> x[0].min());
        multi("max_dim", (x, a) -> {
            MaxResult r = x[0].max(a.get("dim").asInt(), a.path("keepdim").asBoolean(false));
            return List.of(r.values(), r.indices());
        });
        multi("min_dim", (x, a) -> {
            MaxResult r = x[0].min(a.get("dim").asInt(), a.path("keepdim").asBoolean(false));
            return List.of(r.values(), r.indices());
        });
        op("argmax", (x, a) -> x[0].argmax(a.get("dim").asInt(), a.path("keepdim").asBoolean(false)));
        op("argmax_all", (x, a) -> x[0].argmax());
        op("argmin", (x, a) -> x[0].argmin(a.get("dim").asInt()));
        op("argmin_all", (x, a) -> x[0].argmin());
        op("var", (x, a) -> x[0].var());
        op("var_dims", (x, a) -> x[0].var(ints(a.get("dims")), a.get("correction").asInt(), a.get("keepdim").asBoolean()));
        op("var_dim", (x, a) -> x[0].var(a.get("dim").asInt(), a.get("unbiased").asBoolean(), a.get("keepdim").asBoolean()));
        op("std", (x, a) -> x[0].std());
        op("std_dim", (x, a) -> x[0].std(a.get("dim").asInt(), a.get("unbiased").asBoolean(), a.get("keepdim").asBoolean()));
        op("logsumexp", (x, a) -> x[0].logsumexp(a.get("dim").asInt(), a.get("keepdim").asBoolean()));
        op("norm", (x, a) -> x[0].norm());
        op("arange", (x, a) -> Nabla.arange(a.get("end").asInt()));
        op("arange_int", (x, a) -> Nabla.arange(a.get("start").asInt(), a.get("end").asInt()));
        op("arange_step", (x, a) -> Nabla.arange(a.get("start").asLong(), a.get("end").asLong(), a.get("step").asLong()));
        op("arange_float", (x, a) -> Nabla.arange(a.get("start").asDouble(), a.get("end").asDouble(), a.get("step").asDouble()));
        op("linspace", (x, a) -> Nabla.linspace(a.get("start").asDouble(), a.get("end").asDouble(), a.get("steps").asInt()));
        op("eye", (x, a) -> Nabla.eye(a.get("n").asInt(), a.get("m").asInt()));
        op("full", (x, a) -> Nabla.full(a.get("value").asDouble(), ints(a.get("shape"))));
        op("zeros_like", (x, a) -> Nabla.zerosLike(x[0]));
        op("ones_like", (x, a) -> Nabla.onesLike(x[0]));
        op("index_select", (x, a) -> x[0].indexSelect(a.get("dim").asInt(), x[1]));
        op("gather", (x, a) -> x[0].gather(a.get("dim").asInt(), x[1]));
        op("scatter_add", (x, a) -> x[0].scatterAdd(a.get("dim").asInt(), x[1], x[2]));
        op("masked_select", (x, a) -> x[0].maskedSelect(x[1]));
        op("cat", (x, a) -> Nabla.cat(List.of(x), a.get("dim").asInt()));
        op("stack", (x, a) -> Nabla.stack(List.of(x), a.get("dim").asInt()));
        multi("split", (x, a) -> x[0].split(a.get("size").asInt(), a.get("dim").asInt()));
        multi("chunk", (x, a) -> x[0].chunk(a.get("chunks").asInt(), a.get("dim").asInt()));
        multi("unbind", (x, a) -> x[0].unbind(a.get("dim").asInt()));
    }

    /** Applies the case's view steps (see ops_golden.py) to a leaf. */
    static Tensor applyView(Tensor t, JsonNode steps) {
        for (JsonNode s : steps) {
            t = switch (s.get(0).asText()) {
                case "t" -> t.t();
                case "transpose" -> t.transpose(s.get(1).asInt(), s.get(2).asInt());
                case "permute" -> t.permute(ints(s.get(1)));
                case "expand" -> t.expand(ints(s.get(1)));
                case "slice" -> t.slice(s.get(1).asInt(), s.get(2).asInt(), s.get(3).asInt(), s.get(4).asInt());
                default -> throw new IllegalArgumentException("unknown view step " + s);
            };
        }
        return t;
    }

    private static DType dtypeOf(JsonNode tensor) {
        return DType.valueOf(tensor.get("dtype").asText().toUpperCase(Locale.ROOT));
    }

    /**
     * Ops that Nabla composes from primitives (ARCHITECTURE.md, principle 2), so their outputs carry the last
     * primitive's grad_fn (e.g. var ends in DivBackward0) rather than PyTorch's fused node; every other op must
     * print PyTorch's name.
     */
    private static final Set<String> COMPOSED = Set.of("chunk", "split", "unbind", "stack", "flatten", "reshape",
            "repeat", "logsumexp", "masked_fill", "masked_select", "matmul", "norm", "rsqrt", "rsub_scalar", "std",
            "std_dim", "var", "var_dim", "var_dims");

    static void runCase(JsonNode c) {
        String name = c.get("name").asText();
        double rtol = c.get("rtol").asDouble(), atol = c.get("atol").asDouble();
        JsonNode inputs = c.get("inputs");
        Tensor[] leaves = new Tensor[inputs.size()];
        Tensor[] xs = new Tensor[inputs.size()];
        for (int i = 0; i < leaves.length; i++) {
            JsonNode in = inputs.get(i);
            leaves[i] = Golden.tensor(in.get("tensor"));
            if (in.get("grad").asBoolean()) leaves[i].requiresGrad(true);
            xs[i] = applyView(leaves[i], in.get("view"));
        }
        var fn = OPS.get(c.get("op").asText());
        assertNotNull(fn, "no Java op for " + c.get("op"));
        Tensor[] outs = fn.apply(xs, c.get("args"));
        JsonNode expected = c.get("outputs");
        assertEquals(expected.size(), outs.length, name + ": number of outputs");
        List<Tensor> roots = new ArrayList<>(), grads = new ArrayList<>();
        for (int i = 0; i < outs.length; i++) {
            Tensor e = Golden.tensor(expected.get(i));
            String what = name + " output " + i;
            assertEquals(e.dtype(), outs[i].dtype(), what + ": dtype");
            boolean exact = !e.dtype().isFloatingPoint();
            Golden.assertClose(e, outs[i], exact ? 0 : rtol, exact ? 0 : atol, what);
            JsonNode gradFn = c.get("grad_fn").get(i);
            if (!gradFn.isNull() && !COMPOSED.contains(c.get("op").asText())) {
                assertEquals(gradFn.asText(), outs[i].gradFn().name(), what + ": grad_fn");
            }
            JsonNode up = c.get("upstream").get(i);
            assertEquals(!up.isNull(), outs[i].requiresGrad(), what + ": requiresGrad");
            if (!up.isNull()) {
                roots.add(outs[i]);
                grads.add(Golden.tensor(up));
            }
        }
        if (!roots.isEmpty()) Engine.backward(roots, grads, false, false);
        for (int i = 0; i < leaves.length; i++) {
            JsonNode g = c.get("grads").get(i);
            String what = name + " grad of input " + i;
            if (g.isNull()) {
                assertNull(leaves[i].grad(), what + ": PyTorch has no gradient here");
            } else {
                assertNotNull(leaves[i].grad(), what);
                assertEquals(dtypeOf(g), leaves[i].grad().dtype(), what + ": dtype");
                Golden.assertClose(Golden.tensor(g), leaves[i].grad(), rtol, atol, what);
            }
        }
    }

    @TestFactory
    Stream<DynamicContainer> pytorchGoldenValues() {
        return Stream.of(FILES).map(file -> {
            JsonNode cases = Golden.load("ops/" + file + ".json").get("cases");
            List<DynamicTest> tests = new ArrayList<>();
            for (JsonNode c : cases) tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> runCase(c)));
            return DynamicContainer.dynamicContainer(file, tests);
        });
    }

    /** Guards the table against drifting from the script: every scripted op has a Java twin and is used. */
    @Test
    void everyScriptedOpHasAJavaTwin() {
        Set<String> used = new HashSet<>();
        for (String file : FILES) {
            for (JsonNode c : Golden.load("ops/" + file + ".json").get("cases")) used.add(c.get("op").asText());
        }
        Set<String> missing = new HashSet<>(used);
        missing.removeAll(OPS.keySet());
        assertTrue(missing.isEmpty(), "ops in the golden files without a Java twin: " + missing);
        Set<String> unused = new HashSet<>(OPS.keySet());
        unused.removeAll(used);
        assertTrue(unused.isEmpty(), "Java ops that no golden case exercises: " + unused);
    }
}
