using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using TorchSharp;

namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// Derivatives of u = g + φ·N_θ (a <see cref="HardConstraint"/>) from an engine's derivatives of the network N_θ: the
/// Leibniz rule ∂^α(φN) = Σ_{β≤α} (α choose β) ∂^βφ ∂^{α−β}N for partials, and for a second-order operator
/// L = Σ c_ij ∂_ij (the Laplacian included) L(φN) = (Lφ)N + Σ_ij c_ij (∂_iφ ∂_jN + ∂_jφ ∂_iN) + φ LN, so the engine
/// still applies L to N itself (the forward Laplacian keeps its speed). Derivatives of φ and g come from autograd on the
/// points and carry no graph to θ. Every key comes back with all m output columns.
/// </summary>
internal class ConstrainedEngine(IDerivativeEngine inner, HardConstraint constraint) : IDerivativeEngine
{
    public string? Unsupported(DerivativeKey key)
    {
        if (key is not (PartialDerivative or LaplacianOperator or SecondOrderOperator))
            return $"hard constraints compose partial derivatives, Laplacians and second-order operators only, not {key.GetType().Name}";
        IEnumerable<DerivativeKey> needed = key is PartialDerivative p ? SubIndices(p).Append(p) : [key, PartialDerivative.Of(0)];
        return needed.Select(inner.Unsupported).FirstOrDefault(why => why is not null);
    }

    public string? UnsupportedNetwork(Mlp network) => inner.UnsupportedNetwork(network);

    public Derivatives Evaluate(Mlp model, torch.Tensor x, DerivativeRequest request, bool differentiable)
        => Compose(model, x, request, needed => inner.Evaluate(model, x, needed, differentiable));

    /// <summary>The derivatives of u the request asks for, from the engine's derivatives of N at the keys <see cref="Needed"/> lists.</summary>
    protected Derivatives Compose(Mlp model, torch.Tensor x, DerivativeRequest request, Func<DerivativeRequest, Derivatives> evaluate)
    {
        var d = (int)x.shape[1];
        var m = model.OutputDimension;
        var needed = Needed(request, d);
        var network = evaluate(new DerivativeRequest(needed)).Conformed(new DerivativeRequest(needed), m);
        var (phi, g) = Jets(x);
        var values = new Dictionary<DerivativeKey, torch.Tensor>();
        foreach (var key in request.Keys)
        {
            values[key] = key switch
            {
                PartialDerivative alpha => Partial(alpha, phi, g, network),
                LaplacianOperator laplacian => SecondOrder(laplacian.AxesFor(d).Select(i => (i, i, 1.0)).ToArray(), key, phi, g, network),
                SecondOrderOperator s => SecondOrder(Coefficients(s), key, phi, g, network),
                _ => throw new ArgumentException($"hard constraints cannot compose {key}"),
            };
        }
        return new Derivatives(values);
    }

    /// <summary>The keys of N the request needs: every β ≤ α for a partial α; the value, the first partials and the
    /// operator itself for a second-order operator.</summary>
    private static List<DerivativeKey> Needed(DerivativeRequest request, int d)
    {
        var needed = new List<DerivativeKey>();
        void Add(DerivativeKey k)
        {
            if (!needed.Contains(k)) needed.Add(k);
        }
        foreach (var key in request.Keys)
        {
            if (key is PartialDerivative p)
            {
                foreach (var beta in SubIndices(p)) Add(beta);
                Add(p);
                continue;
            }
            Add(PartialDerivative.Value);
            for (var i = 0; i < d; i++) Add(PartialDerivative.Of(i));
            Add(key);
        }
        return needed;
    }

    /// <summary>Every multi-index β ≤ α other than α itself, value included.</summary>
    private static IEnumerable<PartialDerivative> SubIndices(PartialDerivative alpha)
    {
        var counts = Enumerable.Range(0, alpha.MinimumInputDimension).Select(alpha.OrderAlong).ToArray();
        var beta = new int[counts.Length];
        while (true)
        {
            if (!beta.AsSpan().SequenceEqual(counts)) yield return PartialDerivative.FromMultiIndex(beta);
            var i = 0;
            while (i < beta.Length && beta[i] == counts[i]) beta[i++] = 0;
            if (i == beta.Length) yield break;
            beta[i]++;
        }
    }

    private static torch.Tensor Partial(PartialDerivative alpha, Func<PartialDerivative, torch.Tensor> phi, Func<PartialDerivative, torch.Tensor> g, Derivatives network)
    {
        var axes = Enumerable.Range(0, alpha.MinimumInputDimension).ToArray();
        var sum = g(alpha);
        foreach (var beta in SubIndices(alpha).Append(alpha))
        {
            var rest = PartialDerivative.FromMultiIndex(axes.Select(i => alpha.OrderAlong(i) - beta.OrderAlong(i)).ToArray());
            var binomial = axes.Aggregate(1.0, (c, i) => c * Choose(alpha.OrderAlong(i), beta.OrderAlong(i)));
            sum = sum + phi(beta) * network[rest] * binomial;
        }
        return sum;
    }

    private static torch.Tensor SecondOrder((int I, int J, double C)[] terms, DerivativeKey key, Func<PartialDerivative, torch.Tensor> phi,
                                            Func<PartialDerivative, torch.Tensor> g, Derivatives network)
    {
        var sum = phi(PartialDerivative.Value) * network[key];
        foreach (var (i, j, c) in terms)
        {
            var second = PartialDerivative.Of(i, j);
            sum = sum + (g(second) + phi(second) * network.Value + phi(PartialDerivative.Of(i)) * network[PartialDerivative.Of(j)]
                         + phi(PartialDerivative.Of(j)) * network[PartialDerivative.Of(i)]) * c;
        }
        return sum;
    }

    private static (int, int, double)[] Coefficients(SecondOrderOperator s)
        => (from i in Enumerable.Range(0, s.Dimension) from j in Enumerable.Range(0, s.Dimension) where s[i, j] != 0 select (i, j, s[i, j])).ToArray();

    private static double Choose(int n, int k)
    {
        var c = 1.0;
        for (var i = 1; i <= k; i++) c = c * (n - k + i) / i;
        return c;
    }

    /// <summary>∂^β φ and ∂^β g at x, by autograd on the points, on demand and cached; detached (no graph to θ).</summary>
    private (Func<PartialDerivative, torch.Tensor> Phi, Func<PartialDerivative, torch.Tensor> G) Jets(torch.Tensor x)
    {
        using var grad = torch.enable_grad();
        var input = x.detach().requires_grad_(true);
        var phi = new Jet(input, constraint.Distance(input));
        var g = new Jet(input, constraint.Lift(input));
        return (phi.Get, g.Get);
    }

    /// <summary>Partials of f(x) [N, c] with respect to x [N, d], column by column; what is computed stays cached (detached).</summary>
    private sealed class Jet(torch.Tensor input, torch.Tensor value)
    {
        private readonly Dictionary<PartialDerivative, torch.Tensor> _graph = new() { [PartialDerivative.Value] = value };
        private readonly Dictionary<PartialDerivative, torch.Tensor> _detached = [];

        public torch.Tensor Get(PartialDerivative key)
        {
            if (_detached.TryGetValue(key, out var known)) return known;
            var t = Graph(key);
            return _detached[key] = t.detach();
        }

        private torch.Tensor Graph(PartialDerivative key)
        {
            if (_graph.TryGetValue(key, out var known)) return known;
            using var grad = torch.enable_grad();
            var axes = key.Axes;
            var parent = PartialDerivative.Of(axes.Take(axes.Count - 1).ToArray());
            var lower = Graph(parent);
            var columns = new torch.Tensor[lower.shape[1]];
            var gradients = new List<torch.Tensor>();
            for (var j = 0; j < lower.shape[1]; j++)
            {
                // The zero multiple of the input keeps the graph connected where the lower partial no longer depends on x.
                var target = lower[.., j].sum() + input.sum() * 0.0;
                gradients.Add(torch.autograd.grad([target], [input], retain_graph: true, create_graph: true)[0]);   // [N, d]
            }
            for (var i = 0; i < input.shape[1]; i++)
                _graph.TryAdd(PartialDerivative.Of([.. parent.Axes, i]), torch.stack(gradients.Select(gr => gr[.., i]).ToArray(), 1));
            return _graph[key];
        }
    }
}
