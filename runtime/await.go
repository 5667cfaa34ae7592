package runtime

import "slices"

// SortSenders puts the senders a quorum wait counted back in ascending
// order, after PermuteRanks renamed them; generated code keeps them sorted
// so that equal sets encode alike.
func SortSenders(senders []int64) { slices.Sort(senders) }

// SortSendersWith is SortSenders for a wait that keeps each sender's
// message: msgs[i] is the message of senders[i], and moves with it. A
// quorum is small: an insertion sort (slices sorts no two slices together).
func SortSendersWith[M any](senders []int64, msgs []M) {
	for i := 1; i < len(senders); i++ {
		for j := i; j > 0 && senders[j] < senders[j-1]; j-- {
			senders[j], senders[j-1] = senders[j-1], senders[j]
			msgs[j], msgs[j-1] = msgs[j-1], msgs[j]
		}
	}
}
