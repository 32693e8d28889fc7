using Pinn.Abstractions.Derivatives;
using Pinn.Tests.Support;
using Shouldly;
using TorchSharp;
using Xunit;

namespace Pinn.Tests.Engines;

/// <summary>
/// A request names the output components each key needs (sorted, distinct; null = all), requests combine by
/// union, and <see cref="Derivatives.Output"/> reads one component [N] from a restricted tensor [N, m_k] as well as
/// from a full one [N, m] (an engine written before restrictions), with a clear error for what was not requested.
/// </summary>
public sealed class OutputComponentRequestTests
{
    private static readonly PartialDerivative U = PartialDerivative.Value;
    private static readonly PartialDerivative Ux = PartialDerivative.Of(0);
    private static readonly LaplacianOperator Laplacian = LaplacianOperator.AllAxes;

    [Fact]
    public void Unrestricted_requests_keep_their_keys_and_ask_for_all_outputs()
    {
        var request = DerivativeRequest.Of(U, Ux, U);
        request.Keys.ShouldBe([U, Ux]);
        request.OutputsOf(U).ShouldBeNull();
        request.OutputsOf(Ux).ShouldBeNull();
        DerivativeRequest.ValueOnly.OutputsOf(U).ShouldBeNull();
        request.ToString().ShouldBe("{u, u_x0}");
        request.OutputsBeyond(1).ShouldBeNull();
    }

    [Fact]
    public void For_outputs_restricts_every_key_to_sorted_distinct_components()
    {
        var request = DerivativeRequest.Of(U, Laplacian).ForOutputs(2, 0, 2);
        request.OutputsOf(U).ShouldBe([0, 2]);
        request.OutputsOf(Laplacian).ShouldBe([0, 2]);
        request.ForOutputs(1).OutputsOf(U).ShouldBe([1]);                  // replaces, does not intersect
        request.ToString().ShouldBe("{u[0,2], Δu[0,2]}");
    }

    [Fact]
    public void And_unites_keys_and_the_components_of_a_key_in_both()
    {
        var request = DerivativeRequest.Of(U).ForOutputs(0, 1, 2)
            .And(DerivativeRequest.Of(Laplacian).ForOutputs(0, 1))
            .And(DerivativeRequest.Of(Ux).ForOutputs(2))
            .And(DerivativeRequest.Of(Ux, Laplacian).ForOutputs(1));
        request.Keys.ShouldBe([U, Laplacian, Ux]);
        request.OutputsOf(U).ShouldBe([0, 1, 2]);
        request.OutputsOf(Laplacian).ShouldBe([0, 1]);
        request.OutputsOf(Ux).ShouldBe([1, 2]);
        request.ToString().ShouldBe("{u[0,1,2], Δu[0,1], u_x0[1,2]}");
        // A key asked for all outputs on either side stays unrestricted.
        var all = DerivativeRequest.Of(Ux).ForOutputs(1).And(DerivativeRequest.Of(Ux, U));
        all.OutputsOf(Ux).ShouldBeNull();
        all.OutputsOf(U).ShouldBeNull();
    }

    [Fact]
    public void Invalid_components_and_unknown_keys_are_refused_with_a_message()
    {
        Should.Throw<ArgumentException>(() => DerivativeRequest.ValueOnly.ForOutputs()).Message.ShouldContain("at least one output component");
        Should.Throw<ArgumentOutOfRangeException>(() => DerivativeRequest.ValueOnly.ForOutputs(0, -1)).Message.ShouldContain("≥ 0");
        Should.Throw<KeyNotFoundException>(() => DerivativeRequest.ValueOnly.OutputsOf(Ux)).Message.ShouldContain("u_x0 is not part of the request {u}");
        var request = DerivativeRequest.Of(U).And(DerivativeRequest.Of(Laplacian).ForOutputs(1, 3));
        request.OutputsBeyond(4).ShouldBeNull();
        request.OutputsBeyond(3).ShouldBe("Δu is requested for output component 3, but there are 3 outputs (components 0–2)");
        request.OutputsBeyond(1).ShouldBe("Δu is requested for output component 3, but there is 1 output (component 0)");
    }

    [Fact]
    public void Output_reads_a_component_from_restricted_and_from_full_tensors()
    {
        using var scope = torch.NewDisposeScope();
        var full = torch.arange(12, torch.float64).reshape(4, 3);            // [N = 4, m = 3], column j = 3n + j
        var request = DerivativeRequest.Of(U).ForOutputs(0, 2);

        // As asked: [N, 2] holding components 0 and 2.
        var restricted = new Derivatives(new Dictionary<DerivativeKey, torch.Tensor> { [U] = full.index_select(1, torch.tensor(new long[] { 0, 2 })) }, request);
        TensorAssert.RelativeError(restricted.Output(U, 2), full[.., 2]).ShouldBe(0);
        TensorAssert.RelativeError(restricted.ValueOf(0), full[.., 0]).ShouldBe(0);
        Should.Throw<KeyNotFoundException>(() => restricted.ValueOf(1)).Message.ShouldBe("output component 1 of u was not requested (requested: 0, 2)");
        Should.Throw<KeyNotFoundException>(() => restricted.PartialOf(0, 0)).Message.ShouldContain("derivative u_x0 was not requested");

        // An engine that ignores the restriction returns all m columns: the component is still found.
        var ignoring = new Derivatives(new Dictionary<DerivativeKey, torch.Tensor> { [U] = full }, request);
        TensorAssert.RelativeError(ignoring.ValueOf(2), full[.., 2]).ShouldBe(0);
        var legacy = new Derivatives(new Dictionary<DerivativeKey, torch.Tensor> { [U] = full, [Laplacian] = full * 2 });
        TensorAssert.RelativeError(legacy.ValueOf(1), full[.., 1]).ShouldBe(0);
        TensorAssert.RelativeError(legacy.LaplacianOf(2), full[.., 2] * 2).ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => legacy.ValueOf(3)).Message.ShouldContain("u holds 3 output(s) (components 0–2)");
        Should.Throw<ArgumentOutOfRangeException>(() => legacy.ValueOf(-1));
    }
}
