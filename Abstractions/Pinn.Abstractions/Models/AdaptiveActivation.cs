namespace Pinn.Abstractions.Models;

/// <summary>
/// Trainable activation slopes (Jagtap, Kawaguchi &amp; Karniadakis 2020): hidden layer l applies σ(n·a_l·z) instead of
/// σ(z), with a_l a trainable scalar of that layer (LAAF) or one scalar shared by all layers (GAAF), starting at 1/n so
/// that the network starts as the plain one. Since n·a_l·(W z + b) = (n·a_l·W) z + n·a_l·b, the slopes change the
/// training dynamics, not the functions the network can represent; the fixed factor n speeds up their training. Since 1.8.
/// </summary>
/// <param name="Global">One slope for all layers (GAAF) instead of one per hidden layer (LAAF).</param>
/// <param name="Factor">n &gt; 0.</param>
public sealed record AdaptiveActivation(bool Global = false, double Factor = 10.0);
