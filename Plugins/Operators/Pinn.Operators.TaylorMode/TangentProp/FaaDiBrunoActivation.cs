using Pinn.Abstractions.Models;
using TorchSharp;

namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>
/// One activation step of n-TangentProp (Faà di Bruno's formula) on a bias-free block [N, 1 + A·n, h], as an autograd
/// function with a hand-written backward. With a^(j) [N, A, h] the j-th derivative columns and the partial Bell
/// polynomials B_{k,1} = a^(k), B_{k,m} = Σ_{j=1}^{k−m+1} C(k−1, j−1) a^(j) B_{k−j,m−1}, the output is σ(a) in the value
/// column and (σ∘a)^(k) = Σ_{m=1}^{k} σ^(m)(a) B_{k,m} in the k-th derivative columns; every term is one fused
/// multiply-add. The backward runs the recursion in reverse (k descending): B̄_{k,m} = Ḡ_k σ^(m) plus what B_{k,m} fed
/// into later polynomials, ā^(j) from every product it entered, and the value column from σ^(m+1) · Σ_k Ḡ_k B_{k,m} —
/// a few in-place updates per term instead of autograd's graph of some hundred small nodes.
/// </summary>
internal sealed class FaaDiBrunoActivation : torch.autograd.MultiTensorFunction<FaaDiBrunoActivation>
{
    public override string Name => "TangentPropActivation";

    /// <summary>Applies the step.</summary>
    /// <param name="z">Bias-free block [N, 1 + A·n, h]: the value, then per axis the derivatives of order 1 … n.</param>
    /// <param name="bias">b [h], added to the value column.</param>
    /// <param name="activation">σ.</param>
    /// <param name="axes">A ≥ 1.</param>
    /// <param name="order">n ≥ 1.</param>
    public static torch.Tensor Apply(torch.Tensor z, torch.Tensor bias, Activation activation, int axes, int order)
    {
        if (!torch.is_grad_enabled()) return Compute(z, bias, activation, axes, order, order).Output;
        return apply(z, bias, activation, axes, order)[0];
    }

    /// <summary>The output block, σ^(0..maxOrder)(z₀ + b) and the Bell polynomials [k, m].</summary>
    private static (torch.Tensor Output, torch.Tensor[] Sigma, torch.Tensor[,] Bell) Compute(
        torch.Tensor z, torch.Tensor bias, Activation activation, int axes, int order, int maxOrder)
    {
        var sigma = activation.Derivatives(z[.., 0, ..] + bias, maxOrder);         // σ^(m)(a), each [N, h]
        var derivative = Columns(z, axes, order);
        var bell = new torch.Tensor[order + 1, order + 1];
        var columns = new torch.Tensor[order];
        for (var k = 1; k <= order; k++)
        {
            bell[k, 1] = derivative[k];
            for (var m = 2; m <= k; m++)
            {
                var sum = derivative[1] * bell[k - 1, m - 1];                        // j = 1: C(k−1, 0) = 1
                for (var j = 2; j <= k - m + 1; j++) sum.addcmul_(derivative[j], bell[k - j, m - 1], Binomial(k - 1, j - 1));
                bell[k, m] = sum;
            }
            var column = bell[k, 1] * sigma[1].unsqueeze(1);
            for (var m = 2; m <= k; m++) column.addcmul_(bell[k, m], sigma[m].unsqueeze(1), 1.0);
            columns[k - 1] = column;                                                  // [N, A, h]
        }
        return (Assemble(sigma[0], columns, axes), sigma, bell);
    }

    public override List<torch.Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        var z = (torch.Tensor)vars[0];
        var bias = (torch.Tensor)vars[1];
        var activation = (Activation)vars[2];
        var axes = (int)vars[3];
        var order = (int)vars[4];
        var (output, sigma, bell) = Compute(z, bias, activation, axes, order, order + 1);
        var saved = new List<torch.Tensor>(sigma[1..]);                             // σ′ … σ^(n+1)
        for (var k = 1; k <= order; k++)
        for (var m = 1; m <= k; m++) saved.Add(bell[k, m]);
        ctx.save_for_backward(saved);
        ctx.save_data("axes", axes);
        ctx.save_data("order", order);
        return [output];
    }

    public override List<torch.Tensor> backward(torch.autograd.AutogradContext ctx, List<torch.Tensor> grads)
    {
        using var scope = torch.NewDisposeScope();
        var axes = (int)ctx.get_data("axes");
        var order = (int)ctx.get_data("order");
        var saved = ctx.get_saved_variables();
        var sigma = new torch.Tensor[order + 2];                                    // σ^(m), m = 1 … n + 1
        for (var m = 1; m <= order + 1; m++) sigma[m] = saved[m - 1];
        var bell = new torch.Tensor[order + 1, order + 1];
        var next = order + 1;
        for (var k = 1; k <= order; k++)
        for (var m = 1; m <= k; m++) bell[k, m] = saved[next++];
        var g = grads[0].contiguous();                                               // [N, 1 + A·n, h]
        var gColumns = Columns(g, axes, order);
        var derivative = new torch.Tensor[order + 1];
        for (var k = 1; k <= order; k++) derivative[k] = bell[k, 1];
        // B̄_{k,m} = Ḡ_k σ^(m) + Σ over the polynomials B_{k,m} entered; ā^(j); σ̄^(m) = Σ_A Σ_k Ḡ_k B_{k,m}.
        var bellBar = new torch.Tensor[order + 1, order + 1];
        var aBar = new torch.Tensor?[order + 1];
        var sigmaBar = new torch.Tensor?[order + 1];                                // Σ_k Ḡ_k B_{k,m}, [N, A, h]
        for (var k = order; k >= 1; k--)
        for (var m = k; m >= 1; m--)
        {
            var s = sigma[m].unsqueeze(1);
            var total = bellBar[k, m] is { } fed ? fed.addcmul_(gColumns[k], s, 1.0) : gColumns[k] * s;
            sigmaBar[m] = sigmaBar[m] is { } sb ? sb.addcmul_(gColumns[k], bell[k, m], 1.0) : gColumns[k] * bell[k, m];
            if (m == 1)
            {
                aBar[k] = aBar[k] is { } a ? a.add_(total) : total;
                continue;
            }
            for (var j = 1; j <= k - m + 1; j++)
            {
                var c = Binomial(k - 1, j - 1);
                aBar[j] = aBar[j] is { } a ? a.addcmul_(bell[k - j, m - 1], total, c) : Scaled(bell[k - j, m - 1] * total, c);
                bellBar[k - j, m - 1] = bellBar[k - j, m - 1] is { } b ? b.addcmul_(derivative[j], total, c) : Scaled(derivative[j] * total, c);
            }
        }
        var value = g[.., 0, ..] * sigma[1];
        for (var m = 1; m <= order; m++) value.addcmul_(sigmaBar[m]!.sum([1L]), sigma[m + 1], 1.0);
        var gz = torch.zeros_like(g);
        gz[.., 0, ..].copy_(value);
        var target = Columns(gz, axes, order);
        for (var k = 1; k <= order; k++) target[k].copy_(aBar[k]!);
        return [gz.MoveToOuterDisposeScope(), value.sum([0L]).MoveToOuterDisposeScope(), null!, null!, null!];
    }

    /// <summary>The k-th derivative columns of a block [N, 1 + A·n, h] as views [N, A, h], k = 1 … n (index 0 unused).</summary>
    private static torch.Tensor[] Columns(torch.Tensor block, int axes, int order)
    {
        var n = block.shape[0];
        var h = block.shape[2];
        var result = new torch.Tensor[order + 1];
        var t = block[.., 1.., ..].view(n, axes, order, h);                        // axis-major, order-minor
        for (var k = 1; k <= order; k++) result[k] = t[.., .., k - 1, ..];
        return result;
    }

    /// <summary>[σ(a), then per axis the columns of order 1 … n]: [N, 1 + A·n, h].</summary>
    private static torch.Tensor Assemble(torch.Tensor value, torch.Tensor[] columns, int axes)
    {
        var n = value.shape[0];
        var h = value.shape[1];
        var stacked = axes == 1 ? torch.cat(columns, 1) : torch.stack(columns, 2).reshape(n, axes * columns.Length, h);
        return torch.cat([value.unsqueeze(1), stacked], 1);
    }

    private static torch.Tensor Scaled(torch.Tensor t, double c) => c == 1 ? t : t.mul_(c);

    private static double Binomial(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++) result = result * (n - k + i) / i;
        return Math.Round(result);
    }
}
