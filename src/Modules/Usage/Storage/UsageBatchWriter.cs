using Microsoft.Extensions.Logging;

namespace KsQuery.Modules.Usage.Storage;

/// <summary>Writes a batch in one transaction. When the store refuses it for a reason of its content, each record is
/// written on its own: a record the store still refuses is dropped (logged by kind and key id, counted in
/// <see cref="UsageWriteHealth"/>) so the rest of the batch and every later batch are written. When the store itself is
/// unavailable (<see cref="IUsageStore.IsStoreFailure"/>) nothing is dropped: what is not written is handed back.</summary>
internal sealed class UsageBatchWriter(IUsageStore store, UsageWriteHealth health, ILogger<UsageBatchWriter> logger)
{
    public UsageWriteResult Write(UsageBatch batch)
    {
        try
        {
            store.Write(batch);
            health.WriteSucceeded();
            return new UsageWriteResult(UsageBatch.Empty, null);
        }
        catch (Exception ex) when (store.IsStoreFailure(ex))
        {
            health.WriteFailed(ex);
            return new UsageWriteResult(batch, ex);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "The usage store refused a batch of {Count} records; writing them one by one", batch.Count);
        }

        var left = new List<UsageBatch>();
        Exception? failure = null;
        foreach (var (description, record) in batch.Records())
        {
            if (failure is not null)
            {
                left.Add(record);
                continue;
            }
            try
            {
                store.Write(record);
            }
            catch (Exception ex) when (store.IsStoreFailure(ex))
            {
                failure = ex;
                left.Add(record);
            }
            catch (Exception ex)
            {
                health.RecordDropped(description, ex);
                logger.LogError(ex, "The usage store refused {Record} on its own; it is dropped so that the rest of usage is written", description);
            }
        }
        if (failure is null)
            health.WriteSucceeded();
        else
            health.WriteFailed(failure);
        return new UsageWriteResult(UsageBatch.Combine(left), failure);
    }
}

/// <param name="Left">What is still to be written (empty unless the store is unavailable).</param>
/// <param name="Failure">Why the store is unavailable; null when everything was written or dropped.</param>
internal sealed record UsageWriteResult(UsageBatch Left, Exception? Failure);
