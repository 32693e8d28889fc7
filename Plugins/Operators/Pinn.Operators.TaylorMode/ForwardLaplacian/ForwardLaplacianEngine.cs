using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Operators.TaylorMode.Stacking;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.ForwardLaplacian;

/// <summary>
/// The forward Laplacian (collapsed second-order Taylor mode): per point it pushes the value z, the first
/// derivatives ∂_v z along K directions and one collapsed second-order term per operator through the
/// network, all S = 1 + K + P columns stacked so every linear layer is one matmul:
/// linear: z′ = Wz + b, ∂z′ = W∂z, Δz′ = WΔz; activation: z′ = σ(z), ∂z′ = σ′(z)∂z,
/// Δz′ = σ′(z)Δz + σ″(z) Σₖ λₖ (∂_{vₖ}z)². Input derivatives need no autograd at all.
/// </summary>
internal sealed class ForwardLaplacianEngine : ForwardModeEngine
{
    public override string? Unsupported(DerivativeKey key) => key switch
    {
        PartialDerivative { Order: <= 2 } or LaplacianOperator or SecondOrderOperator => null,
        PartialDerivative p => $"forward-laplacian propagates derivatives up to order 2; {p} is of order {p.Order} (use n-tangentprop or autodiff)",
        _ => $"forward-laplacian does not know {key.GetType().Name}",
    };

    protected override Derivatives Propagate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape? tape)
    {
        var plan = new ForwardLaplacianPlan(request, model.InputDimension);
        using var scope = torch.NewDisposeScope();
        var n = x.shape[0];
        var (k, p) = (plan.DirectionCount, plan.OperatorCount);
        var dtype = model.Spec.DType;
        var device = model.Spec.Device;
        var layers = model.Layers;
        var input = x.detach().to(dtype, device);
        var weights = p > 0 ? new OperatorWeights(plan.Weights()) : null;
        torch.Tensor Activate(torch.Tensor block, torch.Tensor bias, Activation activation) => p > 0
            ? CollapsedActivation.Apply(block, bias, weights!, activation, k)
            : ActivateFirstOrder(activation, block, bias);
        // An input embedding is one more layer and activation in front, with constant weights: it is not taped.
        var raw = model.Embedding is { } embedding
            ? StackedLinear.Apply(layers[0], Activate(FirstLayer(embedding.Layer, input, plan, tape: null), embedding.Layer.Bias, embedding.Activation), tape)
            : FirstLayer(layers[0], input, plan, tape);                               // [N, S, h], bias-free
        for (var l = 1; l < layers.Count; l++)
        {
            // σ(n·a·z) with a trainable slope: every column of the block and the bias scale alike.
            var activated = model.SlopeScale(l - 1) is { } scale
                ? Activate(raw * scale, layers[l - 1].Bias * scale, model.Activation)
                : Activate(raw, layers[l - 1].Bias, model.Activation);
            raw = StackedLinear.Apply(layers[l], activated, tape);
        }
        tape?.MoveToOuterDisposeScope();
        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            var column = plan.ColumnOf(key);
            var value = column == 0 ? StackedLinear.ValueWithBias(layers[^1], raw) : raw[.., column, ..];
            results[key] = RequestedOutputs(value, request, key).MoveToOuterDisposeScope();
        }
        return new Derivatives(results, request);
    }

    /// <summary>
    /// The first layer: its input's direction columns are the same unit or eigen-vectors at every point, so
    /// their images V Wᵀ are computed once and broadcast instead of multiplied per point.
    /// </summary>
    private static torch.Tensor FirstLayer(LinearLayer layer, torch.Tensor x, ForwardLaplacianPlan plan, LayerTape? tape)
    {
        var n = x.shape[0];
        var (k, p) = (plan.DirectionCount, plan.OperatorCount);
        var (d, h) = (x.shape[1], layer.OutputWidth);
        var weightT = layer.Weight.t();
        var parts = new List<torch.Tensor> { torch.matmul(x, weightT).unsqueeze(1) };
        var inputs = new List<torch.Tensor> { x.unsqueeze(1) };
        if (k > 0)
        {
            var directions = plan.DirectionMatrix(x.dtype, x.device);                  // [K, d]
            parts.Add(torch.matmul(directions, weightT).unsqueeze(0).expand(n, k, h));
            inputs.Add(directions.unsqueeze(0).expand(n, k, d));
        }
        if (p > 0)
        {
            parts.Add(torch.zeros([1, 1, 1], x.dtype, x.device).expand(n, p, h));
            inputs.Add(torch.zeros([1, 1, 1], x.dtype, x.device).expand(n, p, d));
        }
        var output = parts.Count == 1 ? parts[0] : torch.cat(parts, 1);
        tape?.Record(inputs.Count == 1 ? inputs[0] : torch.cat(inputs, 1), output);
        return output;
    }

    /// <summary>Value and first derivatives only: [σ(z₀ + b), σ′(z₀ + b) ∂z].</summary>
    private static torch.Tensor ActivateFirstOrder(Activation activation, torch.Tensor raw, torch.Tensor bias)
    {
        var sigma = activation.Derivatives(raw[.., 0, ..] + bias, raw.shape[1] > 1 ? 1 : 0);
        if (raw.shape[1] == 1) return sigma[0].unsqueeze(1);
        return torch.cat([sigma[0].unsqueeze(1), raw[.., 1.., ..] * sigma[1].unsqueeze(1)], 1);
    }
}
