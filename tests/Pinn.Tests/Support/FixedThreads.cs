using System.Runtime.CompilerServices;

namespace Pinn.Tests.Support;

/// <summary>
/// Every training run of the tests uses <see cref="Count"/> threads (2, unless the environment fixes another count),
/// whatever else the machine runs. A run that sets no threads follows the cores other processes leave free
/// (<c>AdaptiveThreads</c>), and a long second-order run is chaotic in its rounding: the Helmholtz fixture's ENGD run
/// ends at 2.8e-5 with two threads and at 2.0e-4 with one, so a busy neighbour on the CI machine changed a test's result. <c>OMP_NUM_THREADS</c> fixes the threads of the runs in this
/// process (the host reads it before adapting) and of every <c>pinn</c> process a test starts (they inherit it). The
/// adaptive path itself is tested by <c>AdaptiveThreadsTests</c> and measured by <c>pinn bench contention</c>.
/// </summary>
internal static class FixedThreads
{
    /// <summary>The threads of every run that sets none.</summary>
    public static int Count => int.Parse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS")!, System.Globalization.CultureInfo.InvariantCulture);

    [ModuleInitializer]
    internal static void Fix()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), out var n) || n < 1)
            Environment.SetEnvironmentVariable("OMP_NUM_THREADS", "2");
    }
}
