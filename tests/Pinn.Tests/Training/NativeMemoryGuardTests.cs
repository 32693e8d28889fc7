using System.Runtime.CompilerServices;
using Pinn.Host.Training;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Training;

/// <summary>The training loop's guard against native memory that only the finalizer would free.</summary>
public sealed class NativeMemoryGuardTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Abandon()
    {
        // 128 MiB of touched native memory whose tensor is neither disposed nor referenced: only a finalizer frees it.
        var t = torch.ones(16L << 20, torch.float64);
        return new WeakReference(t);
    }

    [Fact]
    public void Native_memory_left_to_the_finalizer_is_collected_after_the_step_that_grew_it()
    {
        var guard = new NativeMemoryGuard(thresholdBytes: 64L << 20);
        var abandoned = Abandon();
        guard.AfterStep();
        guard.Collections.ShouldBeGreaterThanOrEqualTo(1);
        abandoned.IsAlive.ShouldBeFalse();
    }

    [Fact]
    public void A_step_that_does_not_grow_memory_costs_no_collection()
    {
        var guard = new NativeMemoryGuard(thresholdBytes: 1L << 40);
        guard.AfterStep();
        guard.Collections.ShouldBe(0);
    }
}
