namespace VllmSim.Generation;

/// <summary>Draws TTFT and inter-token delays from a normal distribution, clamped at zero and scaled.</summary>
internal sealed class LatencySampler(SimModelOptions model, double timeScale, Random random)
{
    public TimeSpan TimeToFirstToken() => Draw(model.TtftMs, model.TtftStdMs);

    public TimeSpan InterToken() => Draw(model.InterTokenMs, model.InterTokenStdMs);

    private TimeSpan Draw(double mean, double std)
    {
        if (timeScale <= 0)
        {
            return TimeSpan.Zero;
        }

        // Box–Muller transform.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        var ms = Math.Max(0, mean + (std * normal)) * timeScale;
        return TimeSpan.FromMilliseconds(ms);
    }
}
