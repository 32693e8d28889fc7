using System.Buffers.Binary;
using Pinn.Abstractions.Problems;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Robustness;

/// <summary>A reference file is trusted only when its hash matches its key and values: a tampered file, a file of the
/// old format or a file copied under another key is recomputed and replaced, so the reported error never rests on
/// values nobody computed.</summary>
public sealed class ReferenceCacheIntegrityTests
{
    private static readonly double[] Points = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

    private static double[] Square(double[] p) => p.Select(v => v * v).ToArray();

    [Fact]
    public void A_flipped_byte_in_the_values_is_recomputed_and_the_file_repaired()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var calls = 0;
        double[] Compute(double[] p) { calls++; return Square(p); }
        cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);
        var path = cache.PathFor("demo", "a=1", Points, 2);
        var original = File.ReadAllBytes(path);
        var tampered = original.ToArray();
        tampered[^3] ^= 0x40; // a byte of the last value, same file length
        File.WriteAllBytes(path, tampered);

        var values = new ReferenceCache(temp.Path).GetOrCompute("demo", "a=1", Points, 2, 2, Compute);

        calls.ShouldBe(2);
        values.ShouldBe(Square(Points));
        File.ReadAllBytes(path).ShouldBe(original);
        Directory.GetFiles(cache.Directory, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void A_file_of_the_old_format_without_a_hash_is_recomputed_and_replaced()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var path = cache.PathFor("demo", "a=1", Points, 2);
        Directory.CreateDirectory(cache.Directory);
        var old = new byte[12 + 6 * sizeof(double)]; // "REFC", count, outputs, values: 123 everywhere
        BinaryPrimitives.WriteUInt32LittleEndian(old, 0x52454643);
        BinaryPrimitives.WriteInt32LittleEndian(old.AsSpan(4), 3);
        BinaryPrimitives.WriteInt32LittleEndian(old.AsSpan(8), 2);
        for (var i = 0; i < 6; i++) BinaryPrimitives.WriteDoubleLittleEndian(old.AsSpan(12 + 8 * i), 123);
        File.WriteAllBytes(path, old);

        var values = cache.GetOrCompute("demo", "a=1", Points, 2, 2, Square);

        values.ShouldBe(Square(Points));
        new FileInfo(path).Length.ShouldBe(44 + 6 * sizeof(double));
        cache.GetOrCompute("demo", "a=1", Points, 2, 2, _ => throw new InvalidOperationException("read from the file")).ShouldBe(Square(Points));
    }

    [Fact]
    public void A_file_copied_under_another_key_is_not_trusted()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        cache.GetOrCompute("demo", "a=1", Points, 2, 2, Square);
        var other = cache.PathFor("demo", "a=2", Points, 2);
        File.Copy(cache.PathFor("demo", "a=1", Points, 2), other);

        var values = cache.GetOrCompute("demo", "a=2", Points, 2, 2, p => p.Select(v => 2 * v).ToArray());

        values.ShouldBe(Points.Select(v => 2 * v).ToArray());
    }
}
