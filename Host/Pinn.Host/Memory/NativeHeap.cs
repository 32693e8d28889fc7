using System.Runtime.InteropServices;

namespace Pinn.Host.Memory;

/// <summary>
/// Tells glibc's allocator to keep freed native memory in the process. libtorch allocates its tensors with malloc, and
/// a training step or an engine call allocates and frees the same large blocks (12–25 MB each for the forward
/// Laplacian at d = 10) over and over. By default glibc returns such blocks to the kernel (with munmap, or by trimming
/// the heap once 2× the block size lies free at its top), and the next allocation of the same size gets fresh pages
/// that the kernel faults in and zeroes: measured in one d = 10 forward+backward call, 11 000 page faults and 15% of
/// the call's time in the kernel's page clearing. With blocks up to 32 MiB taken from the heap and the heap trimmed only
/// when 1 GiB lies free at its top, the same call reuses its memory: over 60 such calls (with a collection after each),
/// 0.14 M page faults instead of 1.7–2.5 M (docs/benchmarks/issue21-speed.md). The cost is that a process keeps up to
/// 1 GiB of freed memory resident.
/// A user's own <c>GLIBC_TUNABLES=glibc.malloc…</c> wins: nothing is changed then.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Freed memory kept at the top of the heap before it is returned to the kernel: 1 GiB.</summary>
    public const int RetainedBytes = 1 << 30;

    /// <summary>Blocks up to this size come from the heap instead of their own mapping: 32 MiB, glibc's largest
    /// allowed value on 64-bit systems.</summary>
    public const int LargestHeapBlock = 32 << 20;

    private const int TrimThreshold = -1;   // mallopt's M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;   // mallopt's M_MMAP_THRESHOLD

    /// <summary>Applies the settings once at start-up. False where they do not apply (not Linux, not glibc, or the
    /// user's own malloc tunables).</summary>
    public static bool KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux()) return false;
        if (Environment.GetEnvironmentVariable("GLIBC_TUNABLES")?.Contains("glibc.malloc.", StringComparison.Ordinal) == true) return false;
        try
        {
            // Both, in this order: setting either switches off glibc's own adjustment of the other.
            return Mallopt(TrimThreshold, RetainedBytes) == 1 && Mallopt(MmapThreshold, LargestHeapBlock) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;                                        // a C library without mallopt (musl): its defaults stay
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
