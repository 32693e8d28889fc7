using System.Diagnostics;
using Pinn.Host.Threading;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Threading;

/// <summary>
/// Torch's thread count for runs that set none: the cores other processes leave free, read from the machine, never
/// fewer than one or more than this process's cores; a run whose threads the user fixed is left alone.
/// </summary>
[Collection(AloneOnTheMachine.Name)]
public sealed class AdaptiveThreadsTests
{
    [Theory]
    [InlineData(0.0, 2, 2, 2)]
    [InlineData(0.3, 2, 2, 2)]      // a shell or an idle editor does not cost a core
    [InlineData(0.8, 2, 2, 1)]      // a second run starting up
    [InlineData(1.9, 2, 2, 1)]      // a second run on both cores: one each
    [InlineData(5.0, 2, 2, 1)]      // never fewer than one
    [InlineData(2.0, 8, 4, 4)]      // never more than this process may use
    public void The_threads_are_the_free_cores_rounded_between_one_and_the_process_cores(double others, int cpus, int cores, int expected)
    {
        AdaptiveThreads.FreeCores(others, cpus, cores).ShouldBe(expected);
    }

    [Fact]
    public void A_run_whose_manifest_sets_threads_keeps_them()
    {
        AdaptiveThreads.For(manifestThreads: 2).ShouldBeNull();
    }

    [Fact]
    public void A_busy_process_beside_this_one_counts_as_busy_cores_and_this_process_work_does_not()
    {
        if (!OperatingSystem.IsLinux()) return;
        var usage = new CoreUsage();
        usage.Available.ShouldBeTrue();
        using var busy = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!;   // no fork per turn: all of it is the shell's
        try
        {
            Thread.Sleep(300);
            usage.Read();                                                   // from here on: the busy loop runs the whole window
            var stop = DateTime.UtcNow.AddSeconds(1);
            var own = new Thread(() => { while (DateTime.UtcNow < stop) Thread.SpinWait(1000); });   // and this process keeps a core busy too
            own.Start();
            own.Join();
            var reading = usage.Read();
            reading.ShouldNotBeNull();
            // Two cores shared by the loop, the spinning thread and the test host's own threads: the loop gets most of one.
            reading.Value.Others.ShouldBeGreaterThan(0.5, "a shell loop keeps one core busy");
            reading.Value.Others.ShouldBeLessThan(1.5, "this process's own core is not another process's");
            reading.Value.Cpus.ShouldBe(Environment.ProcessorCount);
        }
        finally
        {
            busy.Kill();
        }
    }
}
