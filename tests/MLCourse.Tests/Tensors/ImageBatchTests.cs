using MLCourse.Convolution;
using MLCourse.Tensors;

namespace MLCourse.Tests.Tensors;

public class ImageBatchTests
{
    [Fact]
    public void A_disposed_batch_refuses_its_values_and_may_be_disposed_again()
    {
        var batch = new ImageBatch(2, 1, 3, 4);

        batch.Dispose();
        batch.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => batch.Data);
        Assert.Contains("ImageBatch: the batch (2, 1, 3, 4) was disposed; its values were released.", error.Message);
        Assert.Throws<ObjectDisposedException>(() => batch[0, 0, 0, 0]);
        Assert.Equal([2L, 1, 3, 4], batch.Shape);
    }

    // Only arrays a kernel allocated go back to the pool: one the caller wrapped may still be the caller's.
    [Fact]
    public void Disposing_a_batch_over_the_callers_array_leaves_that_array_to_the_caller()
    {
        var conv = new Conv2d(1, 3, 3);
        double[] own = new double[2 * 3 * 9 * 11];   // the output shape of an 11×13 input; no other test uses it
        var wrapped = new ImageBatch(2, 3, 9, 11, own);

        wrapped.Dispose();
        ImageBatch output = conv.ForwardFast(new ImageBatch(2, 1, 11, 13)).Output;

        Assert.NotSame(own, output.Data);
    }
}
