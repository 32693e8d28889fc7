namespace Pinn.Host.Training;

/// <summary>
/// TorchSharp frees a tensor's native memory when the tensor is disposed or, failing that, when the garbage collector
/// finalizes it. Some tensors are only ever finalized — those a custom autograd function saves for its backward pass
/// among them — and the managed heap barely grows meanwhile, so the collector may not run for hundreds of steps while
/// gigabytes of native memory wait (measured: Adam with the forward Laplacian on wave1d-c's 5 × 100 network grew by
/// 270 MB a step, to 24 GB and the kernel's OOM killer after 100 steps; with a collection after each step it stayed at
/// 1.6 GB). After each step the training loop asks this guard, which reads the process's resident memory and, when it
/// has grown by more than a threshold since the last collection, collects and runs the pending finalizers. Runs that
/// do not grow never pay for a collection.
/// </summary>
internal sealed class NativeMemoryGuard(long thresholdBytes = NativeMemoryGuard.DefaultThresholdBytes)
{
    /// <summary>Growth that triggers a collection: 256 MiB.</summary>
    public const long DefaultThresholdBytes = 256L << 20;

    private long _baseline = Environment.WorkingSet;

    /// <summary>Collections made so far.</summary>
    public int Collections { get; private set; }

    public void AfterStep()
    {
        if (Environment.WorkingSet - _baseline <= thresholdBytes) return;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Collections++;
        _baseline = Environment.WorkingSet;
    }
}
