using System.Buffers.Binary;

namespace Pinn.Host.Training;

/// <summary>
/// The state of torch's CPU generator (mt19937) as <c>get_state</c> returns it: libtorch's
/// <c>CPUGeneratorImplState</c>, 5056 bytes, whose <c>set_state</c> fails inside libtorch (which aborts the process)
/// unless the engine is seeded, 1 ≤ left ≤ 624 and next ≤ 624. Those fields are checked here, before torch sees
/// the bytes. Layout (little-endian): uint64 seed, int left at byte 8, int seeded at 12, uint64 next at 16, 624 uint64
/// state words, the cached normal sample (three doubles and an int), then a float and a bool.
/// </summary>
internal static class CpuGeneratorState
{
    /// <summary>Bytes of the state of libtorch 2.x's CPU generator.</summary>
    public const int Length = 5056;

    private const int StateWords = 624;
    private const int LeftOffset = 8, SeededOffset = 12, NextOffset = 16;

    /// <summary>Why torch would refuse <paramref name="state"/>, or null when it is a CPU state it accepts (or a
    /// state of another length, which is not checked here).</summary>
    public static string? Problem(ReadOnlySpan<byte> state)
    {
        if (state.Length != Length) return null;
        var left = BinaryPrimitives.ReadInt32LittleEndian(state[LeftOffset..]);
        var seeded = BinaryPrimitives.ReadInt32LittleEndian(state[SeededOffset..]);
        var next = BinaryPrimitives.ReadUInt64LittleEndian(state[NextOffset..]);
        if (seeded == 0) return "the engine is marked unseeded";
        if (left is < 1 or > StateWords) return $"its position left = {left} is outside [1, {StateWords}]";
        if ((uint)next > StateWords) return $"its position next = {(uint)next} is outside [0, {StateWords}]";
        return null;
    }
}
