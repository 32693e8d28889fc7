using System.Buffers.Binary;
using Pinn.Abstractions.Problems;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Problems;

public sealed class ReferenceCacheTests
{
    private static readonly double[] Points = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

    private static double[] Square(double[] p) => p.Select(v => v * v).ToArray();

    [Fact]
    public void Values_are_computed_once_then_read_back_bit_for_bit()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var calls = 0;
        double[] Compute(double[] p) { calls++; return Square(p); }

        var first = cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);
        var second = new ReferenceCache(temp.Path).GetOrCompute("demo", "a=1", Points, 2, 2, Compute);

        calls.ShouldBe(1);
        second.ShouldBe(first);
        first[5].ShouldBe(0.36, 1e-15);
    }

    [Fact]
    public void Different_options_or_points_get_their_own_file()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var calls = 0;
        double[] Compute(double[] p) { calls++; return Square(p); }

        cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);
        cache.GetOrCompute("demo", "a=2", Points, 2, 2, Compute);
        cache.GetOrCompute("demo", "a=1", [.. Points[..4], 0.5, 0.7], 2, 2, Compute);

        calls.ShouldBe(3);
        Directory.GetFiles(cache.Directory, "demo-*.bin").Length.ShouldBe(3);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("a flipped byte in the values")]
    public void A_damaged_file_is_recomputed_and_repaired(string damage)
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var calls = 0;
        double[] Compute(double[] p) { calls++; return Square(p); }
        cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);
        var path = cache.PathFor("demo", "a=1", Points, 2);
        var original = File.ReadAllBytes(path);
        var damaged = damage == "truncated" ? original[..20] : original.ToArray();
        if (damage != "truncated") damaged[^3] ^= 0x40; // a byte of the last value, same file length
        File.WriteAllBytes(path, damaged);

        var values = new ReferenceCache(temp.Path).GetOrCompute("demo", "a=1", Points, 2, 2, Compute);

        calls.ShouldBe(2);
        values.ShouldBe(Square(Points));
        new FileInfo(path).Length.ShouldBe(44 + 6 * sizeof(double)); // magic, counts, SHA-256, values
        File.ReadAllBytes(path).ShouldBe(original);
        Directory.GetFiles(cache.Directory, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void A_solver_returning_the_wrong_count_is_an_error_naming_the_problem()
    {
        using var temp = new TemporaryDirectory();
        var error = Should.Throw<InvalidOperationException>(() => new ReferenceCache(temp.Path).GetOrCompute("demo", "", Points, 2, 1, _ => [1.0]));
        error.Message.ShouldContain("demo");
    }

    // Integrity: a file is trusted only when its hash matches its key and values (see also the damaged-file theory
    // above), so the reported error never rests on values nobody computed.

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
