package dev.nabla;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static dev.nabla.Nabla.tensor;
import static dev.nabla.Nabla.zeros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input fails fast, with PyTorch's message (copied from PyTorch 1.13's errors for the same call) where
 * PyTorch's names the shapes, dims or values involved, and with one that does where PyTorch's is vague.
 */
class ErrorMessagesTest {

    private static void fails(Class<? extends Throwable> type, String message, Executable call) {
        Throwable e = assertThrows(type, call);
        assertEquals(message, e.getMessage());
    }

    private static void failsStartingWith(Class<? extends Throwable> type, String prefix, Executable call) {
        Throwable e = assertThrows(type, call);
        assertTrue(e.getMessage().startsWith(prefix), "message was: " + e.getMessage());
    }

    @Test
    void shapesThatDoNotBroadcast() {
        String msg = "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1";
        fails(IllegalArgumentException.class, msg, () -> zeros(2, 3).add(zeros(2, 4)));
        fails(IllegalArgumentException.class, msg, () -> zeros(2, 3).mul(zeros(2, 4)));
        fails(IllegalArgumentException.class, msg, () -> zeros(2, 3).gt(zeros(2, 4)));
        fails(IllegalArgumentException.class, msg, () -> Nabla.where(zeros(2, 3).gt(0), zeros(2, 3), zeros(2, 4)));
        fails(IllegalArgumentException.class,
                "The size of tensor a (5) must match the size of tensor b (4) at non-singleton dimension 0",
                () -> zeros(5, 2, 3).mul(zeros(4, 1, 3)));
        fails(IllegalArgumentException.class, "output with shape [2, 3] doesn't match the broadcast shape [4, 2, 3]",
                () -> zeros(2, 3).add_(zeros(4, 2, 3)));
    }

    @Test
    void matrixShapesThatCannotBeMultiplied() {
        String msg = "mat1 and mat2 shapes cannot be multiplied (64x784 and 256x10)";
        fails(IllegalArgumentException.class, msg, () -> zeros(64, 784).matmul(zeros(256, 10)));
        fails(IllegalArgumentException.class, msg, () -> zeros(64, 784).mm(zeros(256, 10)));
        fails(IllegalArgumentException.class, msg, () -> Nabla.matmul(zeros(64, 784), zeros(256, 10)));
        fails(IllegalArgumentException.class, "mat1 and mat2 shapes cannot be multiplied (6x4 and 5x6)",
                () -> zeros(2, 3, 4).matmul(zeros(5, 6)));
        fails(IllegalArgumentException.class, "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)",
                () -> zeros(3).matmul(zeros(4, 5)));
        fails(IllegalArgumentException.class, "inconsistent tensor size, expected tensor [3] and src [4] to have the same "
                + "number of elements, but got 3 and 4 elements respectively", () -> zeros(3).matmul(zeros(4)));
        fails(IllegalArgumentException.class, "both arguments to matmul need to be at least 1D, but they are 0D and 1D",
                () -> Nabla.scalarTensor(1).matmul(zeros(4)));
        fails(IllegalArgumentException.class,
                "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 5].",
                () -> zeros(2, 3, 4).bmm(zeros(2, 5, 6)));
        fails(IllegalArgumentException.class,
                "Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [3, 4].",
                () -> zeros(2, 3, 4).bmm(zeros(3, 4, 6)));
        // A batched product whose inner sizes differ names both matrices' shapes.
        fails(IllegalArgumentException.class, "mat1 and mat2 shapes cannot be multiplied (3x4 and 5x6)",
                () -> zeros(2, 3, 4).matmul(zeros(2, 5, 6)));
        failsStartingWith(IllegalArgumentException.class, "expected m1 and m2 to have the same dtype",
                () -> zeros(2, 2).mm(zeros(2, 2).toDouble()));
    }

    @Test
    void dimsOutOfRange() {
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                () -> zeros(2, 3).sum(2));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
                () -> zeros(2, 3).softmax(-3));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 5)",
                () -> zeros(2, 3).transpose(0, 5));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-3, 2], but got 3)",
                () -> zeros(2, 3).unsqueeze(3));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
                () -> Nabla.scalarTensor(1).sum(1));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                () -> zeros(2, 3).squeeze(2));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                () -> zeros(2, 3).max(2));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got -3)",
                () -> Nabla.cat(List.of(zeros(2, 3), zeros(2, 3)), -3));
        fails(IndexOutOfBoundsException.class, "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
                () -> zeros(2, 3).size(2));
    }

    @Test
    void indicesOutOfBounds() {
        fails(IndexOutOfBoundsException.class, "select(): index 5 out of range for tensor of size [2, 3] at dimension 1",
                () -> zeros(2, 3).select(1, 5));
        fails(IndexOutOfBoundsException.class, "start (2) + length (3) exceeds dimension size (4).",
                () -> zeros(2, 4).narrow(1, 2, 3));
        fails(IndexOutOfBoundsException.class, "index out of range in self: index 4 is out of bounds for dimension 1 with size 4",
                () -> zeros(2, 4).indexSelect(1, tensor(new long[] {4})));
        fails(IndexOutOfBoundsException.class, "index 5 is out of bounds for dimension 1 with size 5",
                () -> zeros(2, 5).gather(1, tensor(new long[] {5}, 1, 1)));
        fails(IndexOutOfBoundsException.class, "index 7 is out of bounds for dimension 1 with size 5",
                () -> zeros(2, 5).scatterAdd(1, tensor(new long[] {7}, 1, 1), zeros(1, 1)));
        fails(IndexOutOfBoundsException.class, "index 3 is out of bounds for dimension 0 with size 3",
                () -> zeros(3).get(3));
        fails(IllegalArgumentException.class, "a Tensor with 6 elements cannot be converted to Scalar", () -> zeros(2, 3).item());
    }

    @Test
    void wrongDtypes() {
        fails(IllegalArgumentException.class, "only Tensors of floating point dtype can require gradients (got torch.int64)",
                () -> tensor(new long[] {1}).requiresGrad(true));
        fails(IllegalArgumentException.class, "index_select(): Expected dtype int64 for index, got torch.float32",
                () -> zeros(2, 4).indexSelect(1, tensor(new float[] {1})));
        fails(IllegalArgumentException.class, "gather(): Expected dtype int64 for index, got torch.float32",
                () -> zeros(2, 4).gather(1, tensor(new float[] {1}, 1, 1)));
        fails(IllegalArgumentException.class,
                "where expected condition to be a boolean tensor, but got a tensor with dtype torch.float32",
                () -> Nabla.where(zeros(2), zeros(2), zeros(2)));
        fails(IllegalArgumentException.class, "masked_fill_ only supports boolean masks, but got mask with dtype torch.float32",
                () -> zeros(2).maskedFill(zeros(2), 1));
        fails(IllegalArgumentException.class, "mean(): could not infer output dtype. Input dtype must be either a floating "
                + "point or complex dtype. Got: Long", () -> tensor(new long[] {1, 2}).mean());
        fails(IllegalArgumentException.class, "Subtraction, the `-` operator, with two bool tensors is not supported. "
                + "Use the `^` or `logical_xor()` operator instead.",
                () -> tensor(new boolean[] {true}).sub(tensor(new boolean[] {false})));
        fails(IllegalArgumentException.class, "Negation, the `-` operator, on a bool tensor is not supported. If you are "
                + "trying to invert a mask, use the `~` or `logical_not()` operator instead.",
                () -> tensor(new boolean[] {true}).neg());
        fails(IllegalArgumentException.class, "Integers to negative integer powers are not allowed.",
                () -> tensor(new long[] {2}).pow(-1));
        fails(IllegalArgumentException.class, "result type Float can't be cast to the desired output type Long",
                () -> tensor(new long[] {1, 2}).add_(0.5));
        fails(IllegalArgumentException.class, "result type Float can't be cast to the desired output type Long",
                () -> tensor(new long[] {1, 2}).div_(2));
        fails(IllegalArgumentException.class, "result type Long can't be cast to the desired output type Bool",
                () -> tensor(new boolean[] {true}).add_(tensor(new long[] {1})));
        fails(IllegalArgumentException.class, "result type Float can't be cast to the desired output type Long",
                () -> tensor(new long[] {1}).add_(zeros(1)));
    }

    @Test
    void badShapes() {
        fails(IllegalArgumentException.class, "view size is not compatible with input tensor's size and stride (at least "
                + "one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
                () -> zeros(2, 3).t().view(-1));
        fails(IllegalArgumentException.class, "shape '[5]' is invalid for input of size 6", () -> zeros(2, 3).reshape(5));
        fails(IllegalArgumentException.class, "shape '[-1, 4]' is invalid for input of size 6", () -> zeros(2, 3).reshape(-1, 4));
        fails(IllegalArgumentException.class, "only one dimension can be inferred", () -> zeros(2, 3).reshape(-1, -1));
        fails(IllegalArgumentException.class, "The expanded size of the tensor (4) must match the existing size (2) at "
                + "non-singleton dimension 1.  Target sizes: [3, 4].  Tensor sizes: [3, 2]", () -> zeros(3, 2).expand(3, 4));
        failsStartingWith(IllegalArgumentException.class, "expand(torch.float32{[3, 2]}, size=[2]): the number of sizes "
                + "provided (1) must be greater or equal to the number of dimensions in the tensor (2)", () -> zeros(3, 2).expand(2));
        fails(IllegalArgumentException.class, "Sizes of tensors must match except in dimension 0. Expected size 3 but got "
                + "size 4 for tensor number 1 in the list.", () -> Nabla.cat(List.of(zeros(2, 3), zeros(2, 4)), 0));
        fails(IllegalArgumentException.class, "Tensors must have same number of dimensions: got 2 and 1",
                () -> Nabla.cat(List.of(zeros(2, 3), zeros(3)), 0));
        fails(IllegalArgumentException.class, "torch.cat(): expected a non-empty list of Tensors", () -> Nabla.cat(List.of(), 0));
        fails(IllegalArgumentException.class, "stack expects each tensor to be equal size, but got [2, 3] at entry 0 and "
                + "[3, 2] at entry 1", () -> Nabla.stack(List.of(zeros(2, 3), zeros(3, 2)), 0));
        fails(IllegalArgumentException.class, "permute(sparse_coo): number of dimensions in the tensor input does not match "
                + "the length of the desired ordering of dimensions i.e. input.dim() = 2 is not equal to len(dims) = 1",
                () -> zeros(2, 3).permute(0));
        fails(IllegalArgumentException.class, "permute(): duplicate dims are not allowed.", () -> zeros(2, 3).permute(0, 0));
        fails(IllegalArgumentException.class, "t() expects a tensor with <= 2 dimensions, but self is 3D", () -> zeros(2, 3, 4).t());
        fails(IllegalArgumentException.class, "flatten() has invalid args: start_dim cannot come after end_dim",
                () -> zeros(2, 3, 4).flatten(2, 1));
        fails(IllegalArgumentException.class, "Trying to create tensor with negative dimension -1: [2, -1]", () -> zeros(2, -1));
        fails(IllegalArgumentException.class, "shape '[4]' is invalid for input of size 3", () -> tensor(new float[] {1, 2, 3}, 4));
        fails(IllegalArgumentException.class, "chunk expects `chunks` to be greater than 0, got: 0", () -> zeros(3).chunk(0, 0));
        fails(IllegalArgumentException.class, "torch.clamp: At least one of 'min' or 'max' must not be None",
                () -> zeros(2).clamp(Double.NaN, Double.NaN));
        fails(IllegalArgumentException.class, "max(): Expected reduction dim to be specified for input.numel() == 0. Specify "
                + "the reduction dim with the 'dim' argument.", () -> zeros(0).max());
        fails(IllegalArgumentException.class, "random_ expects 'from' to be less than 'to', but got from=5 >= to=5",
                () -> Nabla.randint(5, 5, 2));
    }

    @Test
    void autogradMisuse() {
        Tensor x = tensor(new float[] {1, 2}).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        failsStartingWith(IllegalStateException.class, "Trying to backward through the graph a second time", loss::backward);
        fails(IllegalStateException.class, "a leaf Variable that requires grad is being used in an in-place operation.",
                () -> x.mul_(2));
        fails(IllegalStateException.class, "grad can be implicitly created only for scalar outputs", () -> x.mul(2).backward());
        fails(IllegalStateException.class, "element 0 of tensors does not require grad and does not have a grad_fn",
                () -> zeros(2).sum().backward());
    }
}
