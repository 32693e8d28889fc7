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
internal sealed class ForwardLaplacianEngine : ITapingDerivativeEngine
{
    public string? Unsupported(DerivativeKey key) => key switch
    {
        PartialDerivative { Order: <= 2 } or LaplacianOperator or SecondOrderOperator => null,
        PartialDerivative p => $"forward-laplacian propagates derivatives up to order 2; {p} is of order {p.Order} (use n-tangentprop or autodiff)",
        _ => $"forward-laplacian does not know {key.GetType().Name}",
    };

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
    {
        if (differentiable) return Propagate(model, x, request, tape: null);
        using var noGrad = torch.no_grad();
        return Propagate(model, x, request, tape: null);
    }

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape tape)
        => Propagate(model, x, request, tape);

    private Derivatives Propagate(Mlp model, torch.Tensor x, DerivativeRequest request, LayerTape? tape)
    {
        foreach (var key in request.Keys)
            if (Unsupported(key) is { } why) throw new ArgumentException(why);
        if (x.dim() != 2 || x.shape[1] != model.InputDimension)
            throw new ArgumentException($"points: expected [N, {model.InputDimension}], got [{string.Join(", ", x.shape)}]");
        var plan = new ForwardLaplacianPlan(request, model.InputDimension);
        using var scope = torch.NewDisposeScope();
        var n = x.shape[0];
        var (k, p) = (plan.DirectionCount, plan.OperatorCount);
        var dtype = model.Spec.DType;
        var device = model.Spec.Device;
        var input = x.detach().to(dtype, device);
        var parts = new List<torch.Tensor> { input.unsqueeze(1) };
        if (k > 0) parts.Add(plan.DirectionMatrix(dtype, device).unsqueeze(0).expand(n, k, model.InputDimension));
        if (p > 0) parts.Add(torch.zeros([n, p, model.InputDimension], dtype, device));
        var z = parts.Count == 1 ? parts[0] : torch.cat(parts, 1);             // [N, S, d]
        var lambda = p > 0 ? plan.WeightMatrix(dtype, device) : null;      // [P, K]
        var layers = model.Layers;
        for (var l = 0; l < layers.Count; l++)
        {
            z = StackedLinear.Apply(layers[l], z, tape);
            if (l + 1 < layers.Count) z = Activate(model.Activation, z, k, p, lambda);
        }
        tape?.MoveToOuterDisposeScope();
        var results = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
            results[key] = z[.., plan.ColumnOf(key), ..].MoveToOuterDisposeScope();
        return new Derivatives(results);
    }

    /// <summary>The activation on all columns: [N, S, h] → [N, S, h].</summary>
    private static torch.Tensor Activate(Activation activation, torch.Tensor z, int k, int p, torch.Tensor? lambda)
    {
        var value = z[.., 0, ..];
        var sigma = activation.Derivatives(value, p > 0 ? 2 : k > 0 ? 1 : 0);
        if (k == 0 && p == 0) return sigma[0].unsqueeze(1);
        // σ′ scales every derivative column at once; the operator columns then gain σ″ Σ λ (∂_v z)².
        var scaled = z[.., 1.., ..] * sigma[1].unsqueeze(1);
        if (p == 0) return torch.cat([sigma[0].unsqueeze(1), scaled], 1);
        var first = z[.., 1..(1 + k), ..];
        var curvature = torch.matmul(lambda!, first.square()) * sigma[2].unsqueeze(1);   // [N, P, h]
        return torch.cat([sigma[0].unsqueeze(1), scaled[.., ..k, ..], scaled[.., k.., ..] + curvature], 1);
    }
}
