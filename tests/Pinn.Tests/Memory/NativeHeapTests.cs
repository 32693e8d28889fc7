using System.Runtime.InteropServices;
using Pinn.Host.Memory;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Memory;

/// <summary>The host's setting that keeps freed native memory in the process (glibc's malloc on Linux). The block is
/// used on a thread of the test's own: a test-runner thread may allocate from a malloc arena whose first heap is
/// already in use, the 24-MB block then gets a heap of its own, and glibc unmaps such a heap when the block is freed,
/// whatever the trim threshold (seen in full CI runs: all 6 145 pages faulted in again). A new thread gets a new arena,
/// whose first heap keeps what it frees below the threshold. Run alone, so that no other test's allocation takes the
/// freed block between the two uses.</summary>
[Collection(AloneOnTheMachine.Name)]
public sealed class NativeHeapTests
{
    private const int PageSize = 4096;

    [Fact]
    public void A_freed_block_of_tensor_size_is_reused_without_faulting_its_pages_in_again()
    {
        NativeHeap.KeepFreedMemory().ShouldBeTrue("Linux with glibc and no malloc tunables of the user's");
        const int size = 24 << 20;                    // a forward-Laplacian block at d = 10: [1000, 12, 256] doubles
        // Returned to the kernel, the block would fault all of its 6 144 pages in again, every time.
        var faults = Enumerable.Range(0, 3).Select(_ => OnNewThread(() => FaultsOfSecondUse(size))).Min();
        faults.ShouldBeLessThan(size / PageSize / 10);
    }

    private static long OnNewThread(Func<long> measure)
    {
        long result = -1;
        var thread = new Thread(() => result = measure());
        thread.Start();
        thread.Join();
        return result;
    }

    private static long FaultsOfSecondUse(int size)
    {
        Touch(size);                                  // the first use faults its pages in
        var before = MinorFaultsOfThisThread();
        Touch(size);
        return MinorFaultsOfThisThread() - before;
    }

    private static void Touch(int size)
    {
        var block = Marshal.AllocHGlobal(size);          // malloc, as libtorch's CPU allocator
        for (var i = 0; i < size; i += PageSize) Marshal.WriteByte(block, i, 1);
        Marshal.FreeHGlobal(block);
    }

    private static long MinorFaultsOfThisThread()
    {
        getrusage(1, out var usage).ShouldBe(0);      // RUSAGE_THREAD: other tests' threads do not count
        return usage.MinorFaults;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedText, UnsharedData, UnsharedStack;
        public long MinorFaults, MajorFaults;
        public long Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out ResourceUsage usage);
}
