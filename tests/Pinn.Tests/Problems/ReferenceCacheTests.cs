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

    [Fact]
    public void A_truncated_file_is_recomputed_and_replaced()
    {
        using var temp = new TemporaryDirectory();
        var cache = new ReferenceCache(temp.Path);
        var calls = 0;
        double[] Compute(double[] p) { calls++; return Square(p); }
        cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);
        var path = cache.PathFor("demo", "a=1", Points, 2);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..20]);

        var values = cache.GetOrCompute("demo", "a=1", Points, 2, 2, Compute);

        calls.ShouldBe(2);
        values.ShouldBe(Square(Points));
        new FileInfo(path).Length.ShouldBe(44 + 6 * sizeof(double)); // magic, counts, SHA-256, values
        Directory.GetFiles(cache.Directory, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void A_solver_returning_the_wrong_count_is_an_error_naming_the_problem()
    {
        using var temp = new TemporaryDirectory();
        var error = Should.Throw<InvalidOperationException>(() => new ReferenceCache(temp.Path).GetOrCompute("demo", "", Points, 2, 1, _ => [1.0]));
        error.Message.ShouldContain("demo");
    }
}
