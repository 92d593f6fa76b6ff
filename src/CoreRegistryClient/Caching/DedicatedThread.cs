namespace CoreRegistryClient.Caching;

/// <summary>Runs one piece of start-up work on a new background thread, so that it never waits for (or holds) a
/// thread-pool thread.</summary>
internal static class DedicatedThread
{
    /// <summary>Starts <paramref name="work"/>; the task completes with its result, or faults with its exception.</summary>
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }) { IsBackground = true, Name = name }.Start();
        return done.Task;
    }
}
