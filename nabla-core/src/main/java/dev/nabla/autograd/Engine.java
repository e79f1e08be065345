package dev.nabla.autograd;

import dev.nabla.Tensor;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs backward: counts, for every node reachable from the roots, how many edges lead into it, then processes
 * nodes whose every consumer has already contributed its gradient (an iterative topological order, so deep graphs
 * do not overflow the stack).
 */
public final class Engine {
    private Engine() {}

    public static void backward(List<Tensor> roots, List<Tensor> grads, boolean retainGraph, boolean createGraph) {
        Map<Node, Integer> dependencies = new IdentityHashMap<>();
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (int i = 0; i < roots.size(); i++) {
            Tensor root = roots.get(i);
            Node node = Node.edgeOf(root);
            if (node == null) {
                throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
            }
            add(pending, node, grads.get(i));
            if (!dependencies.containsKey(node)) {
                dependencies.put(node, 0);
                stack.push(node);
            }
        }
        // Count incoming edges.
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Node next : node.next()) {
                if (next == null) continue;
                Integer count = dependencies.get(next);
                if (count == null) {
                    dependencies.put(next, 1);
                    stack.push(next);
                } else {
                    dependencies.put(next, count + 1);
                }
            }
        }
        ArrayDeque<Node> ready = new ArrayDeque<>();
        for (Tensor root : roots) {
            Node node = Node.edgeOf(root);
            if (dependencies.get(node) == 0 && !ready.contains(node)) ready.add(node);
        }
        try (var mode = GradMode.set(createGraph)) {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor grad = pending.remove(node);
                if (node.retainedTensors() != null) {
                    for (Tensor t : node.retainedTensors()) AccumulateGrad.accumulate(t, grad);
                }
                Tensor[] inputGrads = node.apply(grad);
                if (!retainGraph) node.release();
                Node[] next = node.next();
                for (int i = 0; i < next.length; i++) {
                    Node n = next[i];
                    if (n == null) continue;
                    if (inputGrads[i] != null) add(pending, n, inputGrads[i]);
                    int left = dependencies.merge(n, -1, Integer::sum);
                    if (left == 0) {
                        if (pending.containsKey(n)) ready.add(n);
                        else skipBranch(n, dependencies, ready, pending);
                    }
                }
            }
        }
    }

    /** A node that got no gradient at all (every consumer returned null) still releases its own consumers. */
    private static void skipBranch(Node node, Map<Node, Integer> dependencies, ArrayDeque<Node> ready,
                                   Map<Node, Tensor> pending) {
        ArrayDeque<Node> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            for (Node n : todo.pop().next()) {
                if (n == null) continue;
                if (dependencies.merge(n, -1, Integer::sum) == 0) {
                    if (pending.containsKey(n)) ready.add(n);
                    else todo.push(n);
                }
            }
        }
    }

    private static void add(Map<Node, Tensor> pending, Node node, Tensor grad) {
        Tensor prev = pending.get(node);
        pending.put(node, prev == null ? grad : prev.add(grad));
    }
}
